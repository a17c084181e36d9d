import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { chooseHost } from './hostSelection';
import { ANNOTATIONS, FINALIZERS, LABELS, ownerOfKind, R } from './resources';

/** BMH states during which a released host is still being cleaned. */
const RELEASING = [
  'preparing',
  'provisioning',
  'provisioned',
  'deprovisioning',
  'powering off before delete',
  'deleting',
];

/**
 * The CAPM3 Metal3Machine controller: claims a BareMetalHost (chooseHost),
 * writes image, user data and `online: true` on it, reports the provider ID
 * once the host is provisioned; on deletion releases the host (image
 * removed, power off ⇒ deprovisioning and cleaning), waits until it is
 * available again, clears the claim and drops its finalizer
 * (../shared/notes/metal3.md §5.1–5.2).
 */
export function reconcileMetal3Machine(
  ctx: ControllerContext,
  m3m: KubeObject,
): void {
  const { store } = ctx;
  const namespace = m3m.metadata.namespace!;
  const hosts = store.list(R.bmh, { namespace });
  const claimed = hosts.find(
    h =>
      h.spec?.consumerRef?.kind === 'Metal3Machine' &&
      h.spec.consumerRef.name === m3m.metadata.name,
  );

  if (m3m.metadata.deletionTimestamp) {
    if (claimed && !release(ctx, m3m, claimed)) return;
    const latest = store.get(R.m3m, namespace, m3m.metadata.name!);
    if (latest?.metadata.finalizers?.includes(FINALIZERS.m3m)) {
      latest.metadata.finalizers = latest.metadata.finalizers.filter(
        f => f !== FINALIZERS.m3m,
      );
      store.update(R.m3m, latest);
    }
    return;
  }
  if (!m3m.metadata.finalizers?.includes(FINALIZERS.m3m)) {
    const latest = store.get(R.m3m, namespace, m3m.metadata.name!)!;
    latest.metadata.finalizers = [
      ...(latest.metadata.finalizers ?? []),
      FINALIZERS.m3m,
    ];
    store.update(R.m3m, latest);
    return;
  }

  const host = claimed ?? chooseHost(m3m, hosts);
  if (!host) {
    writeStatus(ctx, m3m, {
      ...m3m.status,
      conditions: [
        {
          type: 'AssociateBareMetalHost',
          status: 'False',
          reason: 'AssociateBareMetalHostFailed',
          message: 'No available host found. Requeuing.',
          lastTransitionTime:
            m3m.status?.conditions?.[0]?.lastTransitionTime ??
            new Date().toISOString(),
        },
      ],
    });
    ctx.requeue(namespace, 30_000);
    return;
  }
  if (!claimed) {
    associate(ctx, m3m, host);
    return;
  }
  if (host.status?.provisioning?.state === 'provisioned') {
    const providerID = `metal3://${namespace}/${host.metadata.name}/${m3m.metadata.name}`;
    if (m3m.spec?.providerID !== providerID) {
      const latest = store.get(R.m3m, namespace, m3m.metadata.name!)!;
      latest.spec.providerID = providerID;
      store.update(R.m3m, latest);
      return;
    }
    writeStatus(ctx, m3m, {
      ...m3m.status,
      initialization: { provisioned: true },
      addresses: (host.status?.hardware?.nics ?? [])
        .filter((n: any) => n.ip)
        .map((n: any) => ({ type: 'InternalIP', address: n.ip })),
      conditions: [
        {
          type: 'AssociateBareMetalHost',
          status: 'True',
          reason: 'AssociateBareMetalHostSucceeded',
          message: '',
          lastTransitionTime: new Date().toISOString(),
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'Ready',
          message: '',
          lastTransitionTime: new Date().toISOString(),
        },
      ].map(c => keepTransitionTime(c, m3m.status?.conditions)),
    });
  }
}

function associate(
  ctx: ControllerContext,
  m3m: KubeObject,
  host: KubeObject,
): void {
  const { store } = ctx;
  const namespace = m3m.metadata.namespace!;
  const machineRef = ownerOfKind(m3m, 'Machine');
  const machine = machineRef
    ? store.get(R.machine, namespace, machineRef.name)
    : undefined;
  const clusterName =
    machine?.spec?.clusterName ?? m3m.metadata.labels?.[LABELS.clusterName];
  const image = m3m.spec?.image;
  const next = structuredClone(host);
  next.metadata.labels = {
    ...(next.metadata.labels ?? {}),
    ...(clusterName && { [LABELS.clusterName]: clusterName }),
  };
  next.spec = {
    ...next.spec,
    consumerRef: {
      apiVersion: m3m.apiVersion,
      kind: 'Metal3Machine',
      name: m3m.metadata.name,
      namespace,
    },
    online: true,
    // The image is only written when the host has none (no in-place re-image).
    ...(!next.spec?.image?.url &&
      image && {
        image: {
          url: image.url,
          checksum: image.checksum,
          ...(image.checksumType && { checksumType: image.checksumType }),
          ...((image.diskFormat ?? image.format) && {
            format: image.diskFormat ?? image.format,
          }),
        },
      }),
    ...(machine?.spec?.bootstrap?.dataSecretName && {
      userData: { name: machine.spec.bootstrap.dataSecretName, namespace },
    }),
    ...(m3m.spec?.automatedCleaningMode && {
      automatedCleaningMode: m3m.spec.automatedCleaningMode,
    }),
  };
  store.update(R.bmh, next);
  const latest = store.get(R.m3m, namespace, m3m.metadata.name!)!;
  latest.metadata.annotations = {
    ...(latest.metadata.annotations ?? {}),
    [ANNOTATIONS.host]: `${namespace}/${host.metadata.name}`,
  };
  store.update(R.m3m, latest);
  ctx.event(
    m3m,
    'Normal',
    'AssociateBareMetalHostSuccess',
    `Associated BareMetalHost ${host.metadata.name}`,
  );
}

/** Returns true once the host is released and the claim can go. */
function release(
  ctx: ControllerContext,
  m3m: KubeObject,
  host: KubeObject,
): boolean {
  const { store } = ctx;
  const spec = host.spec ?? {};
  if (
    spec.image ||
    spec.customDeploy ||
    spec.userData ||
    spec.online !== false
  ) {
    const next = structuredClone(host);
    delete next.spec.image;
    delete next.spec.customDeploy;
    delete next.spec.userData;
    delete next.spec.metaData;
    delete next.spec.networkData;
    next.spec.online = Boolean(next.spec.disablePowerOff);
    store.update(R.bmh, next);
    ctx.event(
      m3m,
      'Normal',
      'ReleasingBareMetalHost',
      `Releasing BareMetalHost ${host.metadata.name}: deprovisioning`,
    );
    return false;
  }
  if (RELEASING.includes(host.status?.provisioning?.state)) {
    ctx.requeue(m3m.metadata.namespace!, 10_000);
    return false;
  }
  const next = structuredClone(host);
  delete next.spec.consumerRef;
  delete next.metadata.labels?.[LABELS.clusterName];
  store.update(R.bmh, next);
  return true;
}

function keepTransitionTime(c: any, previous: any[] | undefined) {
  const before = (previous ?? []).find(p => p.type === c.type);
  return before && before.status === c.status
    ? { ...c, lastTransitionTime: before.lastTransitionTime }
    : c;
}

function writeStatus(ctx: ControllerContext, m3m: KubeObject, status: any) {
  const latest = ctx.store.get(
    R.m3m,
    m3m.metadata.namespace,
    m3m.metadata.name!,
  );
  if (!latest || JSON.stringify(latest.status) === JSON.stringify(status))
    return;
  ctx.store.update(R.m3m, { ...latest, status }, { subresource: 'status' });
}
