/**
 * What must hold in a cluster after any mix of portal writes, read straight
 * from a store of raw objects (the lab's ObjectStore fits): the concurrency
 * suites of the REST API and of the scaffolder actions check these after
 * every burst of requests.
 */

/** The read side of an object store: raw objects by resource. */
export interface RawObjectStore {
  list(
    key: { group: string; resource: string },
    options?: { namespace?: string },
  ): any[];
  get(
    key: { group: string; resource: string },
    namespace: string | undefined,
    name: string,
  ): any;
}

export const RAW_KEYS = {
  bmh: { group: 'metal3.io', resource: 'baremetalhosts' },
  secret: { group: '', resource: 'secrets' },
  md: { group: 'cluster.x-k8s.io', resource: 'machinedeployments' },
  machine: { group: 'cluster.x-k8s.io', resource: 'machines' },
  cluster: { group: 'cluster.x-k8s.io', resource: 'clusters' },
  m3m: { group: 'infrastructure.cluster.x-k8s.io', resource: 'metal3machines' },
  m3mt: {
    group: 'infrastructure.cluster.x-k8s.io',
    resource: 'metal3machinetemplates',
  },
  node: { group: '', resource: 'nodes' },
  providerNetwork: { group: 'kubeovn.io', resource: 'provider-networks' },
};

const DELETE_MACHINE = 'cluster.x-k8s.io/delete-machine';

/** The Machines of a pool (label cluster.x-k8s.io/deployment-name). */
export function poolMachines(
  store: RawObjectStore,
  namespace: string,
  pool: string,
): any[] {
  return store
    .list(RAW_KEYS.machine, { namespace })
    .filter(
      m => m.metadata?.labels?.['cluster.x-k8s.io/deployment-name'] === pool,
    );
}

/** Machines marked for deletion or deleting, by name. */
export function leavingMachines(store: RawObjectStore, namespace: string) {
  return store
    .list(RAW_KEYS.machine, { namespace })
    .filter(
      m =>
        DELETE_MACHINE in (m.metadata?.annotations ?? {}) ||
        m.metadata?.deletionTimestamp,
    )
    .map(m => m.metadata.name as string)
    .sort();
}

/** The host a Machine runs on (its providerID metal3://ns/host/m3m), if any. */
export function hostOfMachine(machine: any): string | undefined {
  return /^metal3:\/\/[^/]+\/([^/]+)\//.exec(
    machine?.spec?.providerID ?? '',
  )?.[1];
}

/** The Machine running a host, if any. */
export function machineOfHost(
  store: RawObjectStore,
  namespace: string,
  host: string,
): any {
  return store
    .list(RAW_KEYS.machine, { namespace })
    .find(m => hostOfMachine(m) === host);
}

/** Portal-created Secrets (managed-by label) no BareMetalHost references. */
export function orphanPortalSecrets(store: RawObjectStore): string[] {
  const used = new Set(
    store
      .list(RAW_KEYS.bmh)
      .map(h => `${h.metadata.namespace}/${h.spec?.bmc?.credentialsName}`),
  );
  return store
    .list(RAW_KEYS.secret)
    .filter(
      s =>
        s.metadata?.labels?.['app.kubernetes.io/managed-by'] ===
        'backstage-metal3',
    )
    .map(s => `${s.metadata.namespace}/${s.metadata.name}`)
    .filter(ref => !used.has(ref))
    .sort();
}

/** Boot MACs used by more than one BareMetalHost. */
export function duplicateBootMacs(store: RawObjectStore): string[] {
  const seen = new Map<string, number>();
  for (const h of store.list(RAW_KEYS.bmh)) {
    const mac = String(h.spec?.bootMACAddress ?? '').toLowerCase();
    if (mac) seen.set(mac, (seen.get(mac) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([mac]) => mac);
}

/** spec.replicas of a MachineDeployment. */
export function poolReplicas(
  store: RawObjectStore,
  namespace: string,
  pool: string,
): number | undefined {
  return store.get(RAW_KEYS.md, namespace, pool)?.spec?.replicas;
}
