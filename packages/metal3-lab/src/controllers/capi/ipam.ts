import { KubeObject } from '../../types';
import { ControllerContext } from './context';
import { INFRA_V, isOwnedBy, nowIso, ownerRef, R } from './resources';

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
  for (const m3m of store.list(R.m3m, { namespace })) {
    const template = m3m.spec?.dataTemplate?.name;
    if (!template || m3m.metadata.deletionTimestamp) continue;
    if (!store.get(R.m3dataClaim, namespace, m3m.metadata.name!)) {
      store.create(R.m3dataClaim, {
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
  for (const claim of store.list(R.m3dataClaim, { namespace }))
    renderData(ctx, claim);
  for (const data of store.list(R.m3data, { namespace }))
    claimAddresses(ctx, data);
  for (const pool of store.list(R.ipPool, { namespace })) allocate(ctx, pool);
  for (const data of store.list(R.m3data, { namespace }))
    reportReady(ctx, data);
}

function renderData(ctx: ControllerContext, claim: KubeObject): void {
  const { store } = ctx;
  const namespace = claim.metadata.namespace!;
  const template = store.get(R.m3dt, namespace, claim.spec.template.name);
  if (!template) return;
  const existing = store
    .list(R.m3data, { namespace })
    .filter(d => d.spec?.template?.name === template.metadata.name);
  if (existing.some(d => isOwnedBy(d, claim))) return;
  const used = new Set(existing.map(d => d.spec?.index));
  let index = 0;
  while (used.has(index)) index += 1;
  const name = `${template.metadata.name}-${index}`;
  store.create(R.m3data, {
    apiVersion: INFRA_V,
    kind: 'Metal3Data',
    metadata: { name, namespace, ownerReferences: [ownerRef(claim)] },
    spec: {
      index,
      template: { name: template.metadata.name },
      claim: { name: claim.metadata.name },
    },
  });
  const latest = store.get(R.m3dataClaim, namespace, claim.metadata.name!)!;
  store.update(
    R.m3dataClaim,
    { ...latest, status: { ...latest.status, renderedData: { name } } },
    { subresource: 'status' },
  );
}

function poolsOf(ctx: ControllerContext, data: KubeObject): string[] {
  const template = ctx.store.get(
    R.m3dt,
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
    if (ctx.store.get(R.ipClaim, namespace, name)) continue;
    ctx.store.create(R.ipClaim, {
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
    .list(R.ipAddress, { namespace })
    .filter(a => a.spec?.pool?.name === pool.metadata.name);
  const inUse = new Set(addresses.map(a => a.spec.address));
  const indexes: Record<string, string> = Object.fromEntries(
    addresses.map(a => [a.spec.claim.name, a.spec.address]),
  );
  for (const claim of store.list(R.ipClaim, { namespace })) {
    if (
      claim.spec?.pool?.name !== pool.metadata.name ||
      claim.metadata.deletionTimestamp
    )
      continue;
    if (claim.status?.address || indexes[claim.metadata.name!]) continue;
    const address = firstFree(pool, inUse);
    if (!address) {
      store.update(
        R.ipClaim,
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
    store.create(R.ipAddress, {
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
    const latest = store.get(R.ipClaim, namespace, claim.metadata.name!)!;
    store.update(
      R.ipClaim,
      { ...latest, status: { address: { name } } },
      { subresource: 'status' },
    );
  }
  if (JSON.stringify(pool.status?.indexes ?? {}) !== JSON.stringify(indexes)) {
    store.update(
      R.ipPool,
      { ...pool, status: { indexes, lastUpdated: nowIso() } },
      { subresource: 'status' },
    );
  }
}

function reportReady(ctx: ControllerContext, data: KubeObject): void {
  const namespace = data.metadata.namespace!;
  const claims = poolsOf(ctx, data).map(pool =>
    ctx.store.get(R.ipClaim, namespace, `${data.metadata.name}-${pool}`),
  );
  const failed = claims.find(c => c?.status?.errorMessage);
  const status = failed
    ? {
        ready: false,
        errorMessage: `IP Allocation for ${failed.spec.pool.name} failed : ${failed.status.errorMessage}`,
      }
    : { ready: claims.every(c => c?.status?.address) };
  if (JSON.stringify(data.status ?? {}) !== JSON.stringify(status)) {
    ctx.store.update(R.m3data, { ...data, status }, { subresource: 'status' });
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
