import {
  projectBareMetalHost,
  projectMachineDeployment,
} from '@metal3-fleet/plugin-metal3-node';
import { hostToEntity } from './hostToEntity';
import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';

const context = {
  cluster: 'kube-dc-mgmt',
  providerName: 'metal3:kube-dc-mgmt',
  fleetUrl: 'http://portal.example/metal3',
  ownerOf: createOwnerResolver({
    ownerKey: 'metal3.backstage.io/owner',
    defaultOwner: 'group:default/metal3-admins',
  }),
};

const raw = {
  metadata: {
    name: 'worker-0',
    namespace: 'metal3',
    uid: 'u1',
    resourceVersion: '10',
    labels: { 'metal3.backstage.io/owner': 'team-storage' },
  },
  spec: {
    online: true,
    bootMACAddress: '52:54:00:AA:00:01',
    bmc: {
      address:
        'redfish+https://10.10.0.21/redfish/v1/Systems/System.Embedded.1',
      credentialsName: 'worker-0-bmc-secret',
    },
  },
  status: {
    provisioning: { state: 'provisioned' },
    operationalStatus: 'OK',
    poweredOn: true,
    hardware: {
      systemVendor: {
        manufacturer: 'Dell Inc.',
        productName: 'PowerEdge R650',
        serialNumber: 'ABC123',
      },
      cpu: { model: 'Intel Xeon Gold 6338', count: 64 },
      ramMebibytes: 262144,
      nics: [
        { name: 'eno1', mac: '52:54:00:aa:00:01' },
        { name: 'eno2', mac: '52:54:00:aa:00:02' },
      ],
      storage: [
        { name: '/dev/sda', sizeBytes: 480103981056 },
        { name: '/dev/nvme0n1', sizeBytes: 3840755982336 },
      ],
    },
  },
};

describe('hostToEntity', () => {
  const host = projectBareMetalHost(raw);

  it('maps identity, owner, BMC, boot MAC and the hardware summary', () => {
    const entity = hostToEntity(host, {}, context);
    expect(entity.metadata.name).toBe('kube-dc-mgmt.metal3.worker-0');
    expect(entity.metadata.title).toBe('worker-0');
    expect(entity.spec).toEqual({
      type: 'baremetal-host',
      owner: 'group:default/team-storage',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-cluster': 'kube-dc-mgmt',
      'backstage.io/kubernetes-namespace': 'metal3',
      'metal3.backstage.io/name': 'worker-0',
      'metal3.backstage.io/bmc-host': '10.10.0.21',
      'metal3.backstage.io/boot-mac': '52:54:00:aa:00:01',
      'metal3.backstage.io/hardware-vendor': 'Dell Inc.',
    });
    // The counts are labels, so catalog filters match them exactly.
    expect(entity.metadata.labels).toEqual({
      'metal3.backstage.io/bmc-protocol': 'redfish',
      'metal3.backstage.io/cpu-cores': '64',
      'metal3.backstage.io/ram-gib': '256',
      'metal3.backstage.io/disk-count': '2',
      'metal3.backstage.io/disk-total-gb': '4321',
      'metal3.backstage.io/nic-count': '2',
    });
  });

  it("links to the host's page wherever the app mounts the fleet page", () => {
    expect(hostToEntity(host, {}, context).metadata.links).toEqual([
      {
        url: 'http://portal.example/metal3/hosts/kube-dc-mgmt/metal3/worker-0',
        title: 'Live status and operations',
      },
    ]);
    const elsewhere = { ...context, fleetUrl: 'https://portal.example/fleet' };
    expect(hostToEntity(host, {}, elsewhere).metadata.links?.[0].url).toBe(
      'https://portal.example/fleet/hosts/kube-dc-mgmt/metal3/worker-0',
    );
  });

  it('carries each fact once: no copies under other keys, no tags', () => {
    const entity = hostToEntity(host, {}, context);
    // Every field is a row in each catalog search index (docs/benchmarks.md).
    expect(Object.keys(entity.metadata.annotations ?? {}).sort()).toEqual([
      'backstage.io/kubernetes-cluster',
      'backstage.io/kubernetes-namespace',
      'backstage.io/managed-by-location',
      'backstage.io/managed-by-origin-location',
      'metal3.backstage.io/bmc-host',
      'metal3.backstage.io/boot-mac',
      'metal3.backstage.io/hardware-cpu-model',
      'metal3.backstage.io/hardware-model',
      'metal3.backstage.io/hardware-serial',
      'metal3.backstage.io/hardware-vendor',
      'metal3.backstage.io/name',
    ]);
    expect(entity.metadata.tags).toBeUndefined();
  });

  it('never carries the credentials Secret name or any live state', () => {
    const json = JSON.stringify(hostToEntity(host, {}, context));
    expect(json).not.toContain('worker-0-bmc-secret');
    expect(json).not.toMatch(/provisioned|poweredOn|"OK"/);
  });

  it('is identical after a status-only change (power, state, errors)', () => {
    const changed = projectBareMetalHost({
      ...raw,
      metadata: { ...raw.metadata, resourceVersion: '11' },
      spec: { ...raw.spec, online: false },
      status: {
        ...raw.status,
        provisioning: { state: 'deprovisioning' },
        operationalStatus: 'error',
        errorType: 'power management error',
        poweredOn: false,
      },
    });
    expect(hostToEntity(changed, {}, context)).toEqual(
      hostToEntity(host, {}, context),
    );
  });

  it('depends on its pool while claimed', () => {
    const pool = projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: {
        name: 'kube-dc-workers',
        namespace: 'metal3',
        uid: 'p',
        resourceVersion: '1',
      },
    });
    const entity = hostToEntity(host, { pool }, context);
    expect(entity.spec?.dependencyOf).toEqual([
      'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
    ]);
  });

  it("selects its workload cluster's objects for the Kubernetes tab once CAPM3 has claimed it", () => {
    expect(
      hostToEntity(host, {}, context).metadata.annotations,
    ).not.toHaveProperty('backstage.io/kubernetes-label-selector');
    const claimed = projectBareMetalHost({
      ...raw,
      metadata: {
        ...raw.metadata,
        labels: {
          ...raw.metadata.labels,
          'cluster.x-k8s.io/cluster-name': 'kube-dc',
        },
      },
    });
    expect(
      hostToEntity(claimed, {}, context).metadata.annotations,
    ).toMatchObject({
      'backstage.io/kubernetes-cluster': 'kube-dc-mgmt',
      'backstage.io/kubernetes-label-selector':
        'cluster.x-k8s.io/cluster-name=kube-dc',
    });
  });

  it('falls back to the default owner and describes an uninspected host', () => {
    const bare = projectBareMetalHost({
      metadata: { name: 'new-1', namespace: 'metal3' },
      spec: {},
    });
    const entity = hostToEntity(bare, {}, context);
    expect(entity.spec?.owner).toBe('group:default/metal3-admins');
    expect(entity.metadata.description).toContain('not inspected yet');
    expect(entity.metadata.annotations).not.toHaveProperty(
      'metal3.backstage.io/hardware-vendor',
    );
  });
});
