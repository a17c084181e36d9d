import { OwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { FleetLookup } from '@metal3-fleet/plugin-metal3-node';
import { buildPoolSummary } from '../fleet/poolSummary';
import { subjectEntityRef } from './hostConditions';
import { conditionKey, FleetCondition } from './types';

/**
 * Pool health codes that count as degraded: replicas not available while
 * the pool is not scaling or rolling out (`degraded`), or a scale-up no free
 * host can satisfy (`blocked`). `remediating` is reported by the
 * remediation's own event; the others are normal motion.
 */
const DEGRADED_CODES = new Set(['degraded', 'blocked']);

/**
 * Pools whose health (the status model's `describePool`, through the same
 * summary the API serves) is degraded right now. The detector reports them
 * only after they stay so for `metal3.fleetEvents.poolDegradedSeconds`: a
 * scale-up is "degraded" until its new hosts have provisioned. Pure.
 */
export function degradedPools(
  cache: FleetLookup,
  cluster: string,
  ownerOf: OwnerResolver,
): FleetCondition[] {
  const result: FleetCondition[] = [];
  for (const pool of cache.list('machinedeployments')) {
    const summary = buildPoolSummary(cache, cluster, pool, ownerOf);
    if (!DEGRADED_CODES.has(summary.health.code)) continue;
    result.push({
      key: conditionKey('poolDegraded', cluster, summary.namespace, pool.name),
      kind: 'poolDegraded',
      subject: {
        type: 'pool',
        cluster,
        namespace: summary.namespace,
        name: pool.name,
      },
      entityRef: summary.entityRef,
      owners: [summary.owner],
      label: summary.health.label,
      message:
        summary.health.problems.join('; ') ||
        `${summary.availableReplicas} of ${summary.desiredReplicas} replica(s) available`,
      reason: summary.health.code,
    });
  }
  return result;
}

/**
 * Remediations in progress: one condition per Metal3Remediation (CAPI's
 * MachineHealthCheck creates one, named after the Machine, when it finds the
 * machine unhealthy, and deletes it once the machine is healthy again). The
 * subject is the remediated host when the Machine → Metal3Machine → host
 * chain is known, else the pool. Pure.
 */
export function activeRemediations(
  cache: FleetLookup,
  cluster: string,
  ownerOf: OwnerResolver,
): FleetCondition[] {
  const result: FleetCondition[] = [];
  for (const remediation of cache.list('metal3remediations')) {
    const namespace = remediation.namespace ?? '';
    const machine = cache.get(
      'machines',
      `${namespace}/${remediation.machineName}`,
    );
    const metal3Machine = machine?.infrastructureRef
      ? cache.get(
          'metal3machines',
          `${namespace}/${machine.infrastructureRef.name}`,
        )
      : undefined;
    const host = metal3Machine?.hostRef
      ? cache.get('baremetalhosts', metal3Machine.hostRef)
      : undefined;
    const pool = machine?.deploymentName
      ? cache.get(
          'machinedeployments',
          `${namespace}/${machine.deploymentName}`,
        )
      : undefined;
    const owners = new Set<string>();
    if (host) owners.add(ownerOf(host.labels, host.annotations));
    if (pool) owners.add(ownerOf(pool.labels, pool.annotations));
    const subject = host
      ? { type: 'host' as const, name: host.name }
      : { type: 'pool' as const, name: pool?.name ?? remediation.machineName };
    const strategy = remediation.strategy ?? 'Reboot';
    result.push({
      // One per remediated Machine: a later remediation of the same machine
      // starts after this one was deleted, and is a new event.
      key: conditionKey(
        'remediationStarted',
        cluster,
        namespace,
        remediation.machineName,
      ),
      kind: 'remediationStarted',
      subject: { ...subject, cluster, namespace },
      entityRef: subjectEntityRef(cluster, namespace, subject.name),
      owners: [...owners],
      label: `remediation of ${host?.name ?? remediation.machineName}`,
      message: `The MachineHealthCheck found Machine ${
        remediation.machineName
      }${pool ? ` of pool ${pool.name}` : ''}${
        host ? ` (host ${host.name})` : ''
      } unhealthy and started a ${strategy} remediation${
        remediation.retryLimit !== undefined
          ? ` (up to ${remediation.retryLimit} retries, then the machine is replaced)`
          : ''
      }.`,
      reason: strategy,
      ...(pool && { pool: pool.name }),
    });
  }
  return result;
}
