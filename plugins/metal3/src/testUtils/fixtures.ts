import {
  describeHost,
  HostListResponse,
  HostSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';

/** A fleet row for tests; `extra` overrides, `status` feeds describeHost. */
export function hostRow(
  name: string,
  extra: Partial<HostSummaryDto> = {},
  status: object = {},
): HostSummaryDto {
  return {
    cluster: 'kube-dc-mgmt',
    namespace: 'metal3',
    name,
    entityRef: `resource:default/kube-dc-mgmt.metal3.${name}`,
    status: describeHost({
      provisioningState: 'provisioned',
      poweredOn: true,
      online: true,
      ...status,
    }),
    provisioningState: 'provisioned',
    online: true,
    owner: 'group:default/metal3-admins',
    bmc: { protocol: 'redfish', host: '10.0.0.1' },
    labels: {},
    hardware: {
      manufacturer: 'Dell Inc.',
      productName: 'R650',
      cpuCores: 64,
      ramGiB: 256,
    },
    ...extra,
  };
}

export const workers = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'kube-dc-workers',
};

/** A host claimed by the workers pool, with a machine and a ready node. */
export const pooledHost = (name: string, extra: Partial<HostSummaryDto> = {}) =>
  hostRow(name, {
    pool: workers,
    machine: `kube-dc-workers-${name}`,
    node: { name, ready: 'True', unschedulable: false },
    ...extra,
  });

export function hostPage(
  items: HostSummaryDto[],
  extra: Partial<HostListResponse> = {},
): HostListResponse {
  const facets: HostListResponse['facets'] = {
    status: {},
    pool: {},
    cluster: {},
    vendor: {},
    protocol: {},
  };
  for (const h of items) {
    const add = (facet: keyof typeof facets, key: string) => {
      facets[facet][key] = (facets[facet][key] ?? 0) + 1;
    };
    add('status', h.status.code);
    add('pool', h.pool?.name ?? '(none)');
    add('cluster', h.cluster);
    add('vendor', h.hardware?.manufacturer ?? '(unknown)');
    add('protocol', h.bmc.protocol ?? '(none)');
  }
  return {
    items,
    total: items.length,
    facets,
    staleClusters: [],
    ...extra,
  };
}

export const connectedCluster = {
  name: 'kube-dc-mgmt',
  title: 'Kube-DC management',
  authProvider: 'kubeconfig',
  connected: true,
  synced: true,
  unavailable: [],
  hosts: 2,
  pools: 1,
};
