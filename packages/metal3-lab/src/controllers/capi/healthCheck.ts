import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { matchesHostSelector } from './hostSelection';
import { INFRA_V, nowIso, ownerRef, R, scaledValue } from './resources';

const REMEDIATE = 'cluster.x-k8s.io/remediate-machine';
const SKIP = 'cluster.x-k8s.io/skip-remediation';

/**
 * The MachineHealthCheck controller (../shared/notes/metal3.md §6.1): a
 * Machine is unhealthy when its Node has matched an unhealthy condition
 * longer than the timeout, has not joined within nodeStartupTimeout, or is
 * annotated remediate-machine. Within `unhealthyLessThanOrEqualTo` it
 * remediates through a Metal3Remediation named after the Machine (cloned
 * from the template) or, without a template, by deleting the Machine; it
 * deletes the remediation once the Machine is healthy again.
 */
export function reconcileMachineHealthCheck(
  ctx: ControllerContext,
  mhc: KubeObject,
): void {
  const { store } = ctx;
  const namespace = mhc.metadata.namespace!;
  if ('cluster.x-k8s.io/paused' in (mhc.metadata.annotations ?? {})) return;
  const spec = mhc.spec ?? {};
  const targets = store
    .list(R.machine, { namespace })
    .filter(
      m =>
        !m.metadata.deletionTimestamp &&
        matchesHostSelector(m.metadata.labels ?? {}, spec.selector ?? {}),
    );
  const unhealthy = targets.filter(m => isUnhealthy(ctx, mhc, m));
  const expected = targets.length;
  const maxUnhealthy = scaledValue(
    spec.remediation?.triggerIf?.unhealthyLessThanOrEqualTo ?? '100%',
    expected,
    expected,
    false,
  );
  const allowed = unhealthy.length <= maxUnhealthy;
  const templateRef = spec.remediation?.templateRef;
  for (const machine of targets) {
    const remediation = store.get(R.m3r, namespace, machine.metadata.name!);
    const sick = unhealthy.includes(machine);
    if (!sick && remediation && remediation.status?.phase !== 'Running') {
      store.delete(R.m3r, namespace, machine.metadata.name!);
      ctx.event(
        machine,
        'Normal',
        'MachineRemediated',
        `Machine ${machine.metadata.name} is healthy again`,
      );
    }
    if (!sick || !allowed || remediation) continue;
    if ((machine.metadata.annotations ?? {})[SKIP] !== undefined) continue;
    if (!templateRef) {
      store.delete(R.machine, namespace, machine.metadata.name!);
      ctx.event(
        machine,
        'Normal',
        'MachineMarkedUnhealthy',
        `Machine ${machine.metadata.name} deleted for replacement`,
      );
      continue;
    }
    const template = store.get(R.m3rt, namespace, templateRef.name);
    if (!template) continue;
    store.create(R.m3r, {
      apiVersion: INFRA_V,
      kind: 'Metal3Remediation',
      metadata: {
        name: machine.metadata.name,
        namespace,
        ownerReferences: [ownerRef(machine)],
      },
      spec: structuredClone(template.spec?.template?.spec ?? {}),
    });
    ctx.event(
      machine,
      'Normal',
      'MachineMarkedUnhealthy',
      `Machine ${machine.metadata.name} is unhealthy: remediation by ${template.metadata.name}`,
    );
  }
  const status = {
    ...mhc.status,
    observedGeneration: mhc.metadata.generation,
    expectedMachines: expected,
    currentHealthy: expected - unhealthy.length,
    remediationsAllowed: Math.max(0, maxUnhealthy - unhealthy.length),
    targets: targets.map(m => m.metadata.name).sort(),
    conditions: [
      {
        type: 'RemediationAllowed',
        status: allowed ? 'True' : 'False',
        reason: allowed ? 'RemediationAllowed' : 'TooManyUnhealthy',
        message: allowed
          ? ''
          : `Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy (total: ${expected}, unhealthy: ${
              unhealthy.length
            }, maxUnhealthy: ${
              spec.remediation?.triggerIf?.unhealthyLessThanOrEqualTo ?? '100%'
            })`,
        lastTransitionTime: nowIso(),
      },
    ],
  };
  const latest = store.get(R.mhc, namespace, mhc.metadata.name!);
  const comparable = (s: any) =>
    JSON.stringify({
      ...s,
      conditions: s?.conditions?.map((c: any) => c.status),
    });
  if (latest && comparable(latest.status) !== comparable(status)) {
    store.update(R.mhc, { ...latest, status }, { subresource: 'status' });
  }
}

function isUnhealthy(
  ctx: ControllerContext,
  mhc: KubeObject,
  machine: KubeObject,
): boolean {
  const annotations = machine.metadata.annotations ?? {};
  if (REMEDIATE in annotations) return true;
  const checks = mhc.spec?.checks ?? {};
  const nodeName = machine.status?.nodeRef?.name;
  const node = nodeName
    ? ctx.store.get(R.node, undefined, nodeName)
    : undefined;
  const simulatedSince = (time: string | undefined) =>
    (Date.now() - (Date.parse(time ?? '') || Date.now())) * ctx.speed;
  if (!node) {
    const startup = (checks.nodeStartupTimeoutSeconds ?? 600) * 1000;
    if (nodeName) return true; // its Node was deleted
    if (startup === 0) return false;
    const age = simulatedSince(machine.metadata.creationTimestamp);
    if (age < startup)
      ctx.requeue(machine.metadata.namespace!, startup - age + 100);
    return age >= startup;
  }
  for (const rule of checks.unhealthyNodeConditions ?? []) {
    const found = (node.status?.conditions ?? []).find(
      (c: any) => c.type === rule.type,
    );
    if (!found || found.status !== rule.status) continue;
    const held = simulatedSince(found.lastTransitionTime);
    const limit = (rule.timeoutSeconds ?? 0) * 1000;
    if (held >= limit) return true;
    ctx.requeue(machine.metadata.namespace!, limit - held + 100);
  }
  return false;
}
