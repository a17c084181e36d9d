import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { INFRA_V, isOwnedBy, nowIso, ownerRef } from './resources';

const K = {
  claim: {
    group: 'infrastructure.cluster.x-k8s.io',
    resource: 'metal3dataclaims',
  },
  data: { group: 'infrastructure.cluster.x-k8s.io', resource: 'metal3datas' },
  template: {
    group: 'infrastructure.cluster.x-k8s.io',
    resource: 'metal3datatemplates',
  },
  ipClaim: { group: 'ipam.metal3.io', resource: 'ipclaims' },
  ipAddress: { group: 'ipam.metal3.io', resource: 'ipaddresses' },
  pool: { group: 'ipam.metal3.io', resource: 'ippools' },
  m3m: { group: 'infrastructure.cluster.x-k8s.io', resource: 'metal3machines' },
};

/**
 * CAPM3's data templates and Metal3 IPAM, in one pass per namespace
 * (../shared/notes/metal3.md §5.5): a Metal3Machine with a dataTemplate gets
 * a Metal3DataClaim; the template gives it the lowest free index as a
 * Metal3Data; each IPv4 network of the template's networkData that names an
 * IPPool gets an IPClaim `<data>-<pool>`; IPAM gives the claim the lowest
 * free address of the pool as an IPAddress, or reports the pool exhausted.
 * Deletion cascades through owner references; the pool's status lists the
 * addresses still in use.
 */
export function reconcileIpam(ctx: ControllerContext, namespace: string): void {
  const { store } = ctx;
  for (const m3m of store.list(K.m3m, { namespace })) {
    const template = m3m.spec?.dataTemplate?.name;
    if (!template || m3m.metadata.deletionTimestamp) continue;
    if (!store.get(K.claim, namespace, m3m.metadata.name!)) {
      store.create(K.claim, {
        apiVersion: INFRA_V,
        kind: 'Metal3DataClaim',
        metadata: {
          name: m3m.metadata.name,
          namespace,
          ownerReferences: [ownerRef(m3m)],
        },
        spec: { template: { name: template } },
      });
    }
  }
  for (const claim of store.list(K.claim, { namespace }))
    renderData(ctx, claim);
  for (const data of store.list(K.data, { namespace }))
    claimAddresses(ctx, data);
  for (const pool of store.list(K.pool, { namespace })) allocate(ctx, pool);
  for (const data of store.list(K.data, { namespace })) reportReady(ctx, data);
}

function renderData(ctx: ControllerContext, claim: KubeObject): void {
  const { store } = ctx;
  const namespace = claim.metadata.namespace!;
  const template = store.get(K.template, namespace, claim.spec.template.name);
  if (!template) return;
  const existing = store
    .list(K.data, { namespace })
    .filter(d => d.spec?.template?.name === template.metadata.name);
  if (existing.some(d => isOwnedBy(d, claim))) return;
  const used = new Set(existing.map(d => d.spec?.index));
  let index = 0;
  while (used.has(index)) index += 1;
  const name = `${template.metadata.name}-${index}`;
  store.create(K.data, {
    apiVersion: INFRA_V,
    kind: 'Metal3Data',
    metadata: { name, namespace, ownerReferences: [ownerRef(claim)] },
    spec: {
      index,
      template: { name: template.metadata.name },
      claim: { name: claim.metadata.name },
    },
  });
  const latest = store.get(K.claim, namespace, claim.metadata.name!)!;
  store.update(
    K.claim,
    { ...latest, status: { ...latest.status, renderedData: { name } } },
    { subresource: 'status' },
  );
}

function poolsOf(ctx: ControllerContext, data: KubeObject): string[] {
  const template = ctx.store.get(
    K.template,
    data.metadata.namespace,
    data.spec?.template?.name,
  );
  const networks: any[] = template?.spec?.networkData?.networks?.ipv4 ?? [];
  return [
    ...new Set(
      networks
        .map(n => n.fromPoolRef?.name ?? n.ipAddressFromIPPool)
        .filter(Boolean),
    ),
  ];
}

function claimAddresses(ctx: ControllerContext, data: KubeObject): void {
  const namespace = data.metadata.namespace!;
  for (const pool of poolsOf(ctx, data)) {
    const name = `${data.metadata.name}-${pool}`;
    if (ctx.store.get(K.ipClaim, namespace, name)) continue;
    ctx.store.create(K.ipClaim, {
      apiVersion: 'ipam.metal3.io/v1alpha1',
      kind: 'IPClaim',
      metadata: { name, namespace, ownerReferences: [ownerRef(data)] },
      spec: { pool: { name: pool, namespace } },
    });
  }
}

function allocate(ctx: ControllerContext, pool: KubeObject): void {
  const { store } = ctx;
  const namespace = pool.metadata.namespace!;
  const addresses = store
    .list(K.ipAddress, { namespace })
    .filter(a => a.spec?.pool?.name === pool.metadata.name);
  const inUse = new Set(addresses.map(a => a.spec.address));
  const indexes: Record<string, string> = Object.fromEntries(
    addresses.map(a => [a.spec.claim.name, a.spec.address]),
  );
  for (const claim of store.list(K.ipClaim, { namespace })) {
    if (
      claim.spec?.pool?.name !== pool.metadata.name ||
      claim.metadata.deletionTimestamp
    )
      continue;
    if (claim.status?.address || indexes[claim.metadata.name!]) continue;
    const address = firstFree(pool, inUse);
    if (!address) {
      store.update(
        K.ipClaim,
        {
          ...claim,
          status: { ...claim.status, errorMessage: 'Exhausted IP Pools' },
        },
        { subresource: 'status' },
      );
      ctx.event(
        claim,
        'Warning',
        'ReconcileError',
        `IP Allocation for ${pool.metadata.name} failed : Exhausted IP Pools`,
      );
      continue;
    }
    inUse.add(address);
    indexes[claim.metadata.name!] = address;
    const name = `${
      pool.spec?.namePrefix ?? pool.metadata.name
    }-${address.replace(/[.:]/g, '-')}`;
    store.create(K.ipAddress, {
      apiVersion: 'ipam.metal3.io/v1alpha1',
      kind: 'IPAddress',
      metadata: { name, namespace, ownerReferences: [ownerRef(claim)] },
      spec: {
        address,
        pool: { name: pool.metadata.name, namespace },
        claim: { name: claim.metadata.name, namespace },
        ...(pool.spec?.prefix && { prefix: pool.spec.prefix }),
        ...(pool.spec?.gateway && { gateway: pool.spec.gateway }),
      },
    });
    const latest = store.get(K.ipClaim, namespace, claim.metadata.name!)!;
    store.update(
      K.ipClaim,
      { ...latest, status: { address: { name } } },
      { subresource: 'status' },
    );
  }
  if (JSON.stringify(pool.status?.indexes ?? {}) !== JSON.stringify(indexes)) {
    store.update(
      K.pool,
      { ...pool, status: { indexes, lastUpdated: nowIso() } },
      { subresource: 'status' },
    );
  }
}

function reportReady(ctx: ControllerContext, data: KubeObject): void {
  const namespace = data.metadata.namespace!;
  const claims = poolsOf(ctx, data).map(pool =>
    ctx.store.get(K.ipClaim, namespace, `${data.metadata.name}-${pool}`),
  );
  const failed = claims.find(c => c?.status?.errorMessage);
  const status = failed
    ? {
        ready: false,
        errorMessage: `IP Allocation for ${failed.spec.pool.name} failed : ${failed.status.errorMessage}`,
      }
    : { ready: claims.every(c => c?.status?.address) };
  if (JSON.stringify(data.status ?? {}) !== JSON.stringify(status)) {
    ctx.store.update(K.data, { ...data, status }, { subresource: 'status' });
  }
}

const toNumber = (ip: string) =>
  ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const toAddress = (n: number) =>
  [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join('.');

/** The lowest address of the pool's ranges that is not in use (IPv4). */
function firstFree(pool: KubeObject, inUse: Set<string>): string | undefined {
  for (const range of pool.spec?.pools ?? []) {
    if (!range.start || !range.end) continue;
    for (let n = toNumber(range.start); n <= toNumber(range.end); n++) {
      const address = toAddress(n);
      if (!inUse.has(address)) return address;
    }
  }
  return undefined;
}
