/**
 * The guide's "Node Reuse" best practice as a check: "Metal3 supports node
 * reuse during rolling upgrades — instead of provisioning a fresh BMH, it
 * reprovisions the same server with a new image. Enable this by using the
 * scale-in upgrade strategy on MachineDeployments."
 *
 * CAPM3 reuses a host when the Metal3MachineTemplate of the machine being
 * deleted has `spec.nodeReuse: true` (it labels the freed host for the pool)
 * and the rollout deletes before it creates: RollingUpdate with maxSurge 0,
 * or OnDelete. With maxSurge ≥ 1 the new machine claims a spare host first.
 */
import { okFinding, problemFinding, unknownFinding } from './findings';
import { scaledIntOrPercent } from './healthCheckThreshold';
import { Available, isUnavailable } from './inputs';
import { NamespacedRef, objectSubject } from './subjects';
import type { CheckEvidence, CheckFinding } from './types';

/** A pool's rollout strategy and its template's nodeReuse, normalised from v1beta1 or v1beta2. @public */
export interface PoolUpgradeFacts {
  pool: NamespacedRef;
  /** The CAPI version it was read in; decides the field paths of the fix. */
  apiVersion?: 'v1beta1' | 'v1beta2';
  /** `RollingUpdate` (the default) or `OnDelete`. */
  strategyType?: string;
  /** Absent means CAPI's default, 1. */
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  replicas?: number;
  /** The pool's current Metal3MachineTemplate. */
  template: Available<{ name: string; nodeReuse?: boolean }>;
}

/** @public */
export interface NodeReuseInput {
  cluster: string;
  pools: PoolUpgradeFacts[];
  /** Whether the installation wants node reuse (the guide recommends it); false: no findings. Default true. */
  expectNodeReuse?: boolean;
}

/** One finding per pool: do its upgrades reuse the servers? @public */
export function checkNodeReuse(input: NodeReuseInput): CheckFinding[] {
  if (input.expectNodeReuse === false) return [];
  return input.pools.map(pool => nodeReuse(input.cluster, pool));
}

function nodeReuse(cluster: string, facts: PoolUpgradeFacts): CheckFinding {
  const common = {
    check: 'practice.node-reuse' as const,
    subject: objectSubject('pool', cluster, facts.pool),
  };
  if (isUnavailable(facts.template)) {
    return unknownFinding({
      ...common,
      title: `Pool ${facts.pool.name}: template not read`,
      missing: `the Metal3MachineTemplate of pool ${facts.pool.name}: ${facts.template.unavailable}`,
    });
  }
  const template = facts.template;
  const type = facts.strategyType ?? 'RollingUpdate';
  // CAPI rounds maxSurge up (a percentage of 1 machine surges by 1).
  const surge = scaledIntOrPercent(
    facts.maxSurge ?? 1,
    facts.replicas ?? 1,
    true,
  );
  const deletesFirst = type === 'OnDelete' || surge === 0;
  const reuse = template.nodeReuse === true;
  const strategyPath =
    facts.apiVersion === 'v1beta2' ? 'spec.rollout.strategy' : 'spec.strategy';
  const evidence: CheckEvidence[] = [
    {
      field: `Metal3MachineTemplate ${template.name} spec.nodeReuse`,
      observed: template.nodeReuse ?? null,
      expected: 'true',
      violation: !reuse,
    },
    { field: `${strategyPath}.type`, observed: type },
    {
      field: `${strategyPath}.rollingUpdate.maxSurge`,
      observed: facts.maxSurge ?? null,
      ...(type !== 'OnDelete' && { expected: '0 (delete before create)' }),
      violation: !deletesFirst,
    },
  ];
  if (reuse && deletesFirst) {
    return okFinding({
      ...common,
      title: 'Upgrades re-provision the same servers (node reuse)',
      evidence,
    });
  }
  const { namespace, name } = facts.pool;
  const strategyPatch =
    facts.apiVersion === 'v1beta2'
      ? '{"spec":{"rollout":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":0,"maxUnavailable":1}}}}}'
      : '{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":0,"maxUnavailable":1}}}}';
  const missing = [
    ...(reuse ? [] : ['nodeReuse is not set on its template']),
    ...(deletesFirst ? [] : [`maxSurge is ${surge ?? facts.maxSurge}`]),
  ];
  return problemFinding({
    ...common,
    severity: 'info',
    title: `Upgrades of pool ${name} provision fresh servers: ${missing.join(
      ' and ',
    )}`,
    evidence,
    fix: {
      text: 'Metal3 supports node reuse during rolling upgrades: instead of provisioning a fresh BMH, it reprovisions the same server with a new image, which significantly reduces upgrade time. Enable it with the scale-in upgrade strategy (maxSurge 0, maxUnavailable 1) and nodeReuse on the template of the machines being replaced; the upgrade template\'s "Re-provision the same servers" sets it on the next one.',
      guide: 'Best Practices — Node Reuse',
      commands: [
        ...(reuse
          ? []
          : [
              `kubectl -n ${namespace} patch metal3machinetemplate ${template.name} --type merge -p '{"spec":{"nodeReuse":true}}'`,
            ]),
        ...(deletesFirst
          ? []
          : [
              `kubectl -n ${namespace} patch machinedeployment ${name} --type merge -p '${strategyPatch}'`,
            ]),
      ],
    },
  });
}
