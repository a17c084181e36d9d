import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import {
  CAPI_V,
  isOwnedBy,
  LABELS,
  ownerRef,
  R,
  scaledValue,
  shortHash,
} from './resources';
import { machineCounts } from './machineSet';

/**
 * The MachineDeployment controller: one MachineSet per machine template
 * (identified by `machine-template-hash`), a RollingUpdate that honours
 * maxSurge/maxUnavailable (CAPI defaults 1/0), old sets scaled down and
 * removed, and the v1beta2 replica counters in status.
 */
export function reconcileMachineDeployment(
  ctx: ControllerContext,
  md: KubeObject,
): void {
  const { store } = ctx;
  if (md.metadata.deletionTimestamp || md.spec?.paused) return;
  const namespace = md.metadata.namespace!;
  const sets = store
    .list(R.ms, { namespace })
    .filter(ms => isOwnedBy(ms, md) && !ms.metadata.deletionTimestamp);
  const desired: number = md.spec?.replicas ?? 1;
  const hash = templateHash(md);
  let current = sets.find(ms => isCurrent(ms, hash));
  if (!current) {
    current = store.create(
      R.ms,
      newMachineSet(md, hash, sets.length ? 0 : desired),
    );
    ctx.event(
      md,
      'Normal',
      'SuccessfulCreate',
      `Created MachineSet ${current.metadata.name}`,
    );
  }
  const old = sets.filter(ms => ms.metadata.uid !== current!.metadata.uid);

  const strategy = md.spec?.rollout?.strategy ?? {};
  if (old.length === 0 || strategy.type === 'OnDelete') {
    setReplicas(
      ctx,
      current,
      old.length === 0 ? desired : current.spec.replicas,
    );
  } else {
    rollOut(ctx, md, current, old, desired);
  }
  for (const ms of old) {
    if ((ms.spec?.replicas ?? 0) === 0 && machineCounts(ctx, ms).total === 0) {
      store.delete(R.ms, namespace, ms.metadata.name!);
    }
  }
  writeStatus(ctx, md, current);
}

/** One step of a RollingUpdate: surge the new set, then drain the old ones. */
function rollOut(
  ctx: ControllerContext,
  md: KubeObject,
  current: KubeObject,
  old: KubeObject[],
  desired: number,
): void {
  const rolling = md.spec?.rollout?.strategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(rolling.maxSurge, desired, 1, true);
  const maxUnavailable = scaledValue(rolling.maxUnavailable, desired, 0, false);
  const all = [current, ...old];
  const total = all.reduce((n, ms) => n + (ms.spec?.replicas ?? 0), 0);
  const currentReplicas = current.spec?.replicas ?? 0;
  const room = desired + maxSurge - total;
  if (room > 0 && currentReplicas < desired) {
    setReplicas(ctx, current, Math.min(desired, currentReplicas + room));
  }
  // Old machines may go while enough machines stay available.
  const available = all.reduce(
    (n, ms) => n + machineCounts(ctx, ms).available,
    0,
  );
  let removable = available - (desired - maxUnavailable);
  for (const ms of old) {
    const replicas = ms.spec?.replicas ?? 0;
    const counts = machineCounts(ctx, ms);
    // Unavailable old machines can always go: they serve nothing.
    const unavailable = Math.max(0, replicas - counts.available);
    const cut = Math.min(replicas, unavailable + Math.max(0, removable));
    if (cut > 0) {
      setReplicas(ctx, ms, replicas - cut);
      removable -= Math.max(0, cut - unavailable);
    }
  }
}

function setReplicas(ctx: ControllerContext, ms: KubeObject, replicas: number) {
  if (ms.spec?.replicas === replicas) return;
  const latest = ctx.store.get(R.ms, ms.metadata.namespace, ms.metadata.name!);
  if (!latest) return;
  latest.spec.replicas = replicas;
  ctx.store.update(R.ms, latest);
}

function writeStatus(
  ctx: ControllerContext,
  md: KubeObject,
  current: KubeObject,
) {
  const { store } = ctx;
  const sets = store
    .list(R.ms, { namespace: md.metadata.namespace })
    .filter(ms => isOwnedBy(ms, md));
  const totals = { replicas: 0, ready: 0, available: 0, upToDate: 0 };
  for (const ms of sets) {
    const counts = machineCounts(ctx, ms);
    totals.replicas += counts.total;
    totals.ready += counts.ready;
    totals.available += counts.available;
    if (ms.metadata.uid === current.metadata.uid)
      totals.upToDate += counts.total;
  }
  const desired = md.spec?.replicas ?? 1;
  let phase = 'Running';
  if (totals.replicas < desired) phase = 'ScalingUp';
  else if (totals.replicas > desired) phase = 'ScalingDown';
  const status = {
    ...md.status,
    observedGeneration: md.metadata.generation,
    selector: Object.entries(md.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    replicas: totals.replicas,
    readyReplicas: totals.ready,
    availableReplicas: totals.available,
    upToDateReplicas: totals.upToDate,
    phase,
    deprecated: {
      v1beta1: {
        readyReplicas: totals.ready,
        availableReplicas: totals.available,
        updatedReplicas: totals.upToDate,
        unavailableReplicas: Math.max(0, desired - totals.available),
      },
    },
  };
  const latest = store.get(R.md, md.metadata.namespace, md.metadata.name!);
  if (!latest || JSON.stringify(latest.status) === JSON.stringify(status))
    return;
  store.update(R.md, { ...latest, status }, { subresource: 'status' });
}

/** The template as CAPI compares it: labels it adds itself do not count. */
function templateHash(md: KubeObject): string {
  const template = structuredClone(md.spec?.template ?? {});
  delete template.metadata?.labels?.[LABELS.templateHash];
  return shortHash(template);
}

function isCurrent(ms: KubeObject, hash: string): boolean {
  const label = ms.metadata.labels?.[LABELS.templateHash];
  if (label) return label === hash;
  // A set created before the hash label (the seed's): compare templates.
  const mine = structuredClone(ms.spec?.template ?? {});
  delete mine.metadata?.labels?.[LABELS.templateHash];
  return shortHash(mine) === hash;
}

function newMachineSet(
  md: KubeObject,
  hash: string,
  replicas: number,
): KubeObject {
  const name = `${md.metadata.name}-${hash}`;
  const labels = {
    ...(md.spec?.template?.metadata?.labels ?? {}),
    [LABELS.deploymentName]: md.metadata.name!,
    [LABELS.templateHash]: hash,
  };
  return {
    apiVersion: CAPI_V,
    kind: 'MachineSet',
    metadata: {
      name,
      namespace: md.metadata.namespace,
      labels: {
        ...labels,
        ...(md.spec?.clusterName && {
          [LABELS.clusterName]: md.spec.clusterName,
        }),
      },
      annotations: {
        'machinedeployment.clusters.x-k8s.io/desired-replicas': String(
          md.spec?.replicas ?? 1,
        ),
      },
      ownerReferences: [ownerRef(md)],
    },
    spec: {
      clusterName: md.spec?.clusterName,
      replicas,
      selector: {
        matchLabels: {
          ...(md.spec?.selector?.matchLabels ?? {}),
          [LABELS.templateHash]: hash,
        },
      },
      ...(md.spec?.deletion?.order && {
        deletion: { order: md.spec.deletion.order },
      }),
      template: {
        ...md.spec?.template,
        metadata: { ...(md.spec?.template?.metadata ?? {}), labels },
      },
    },
  };
}
