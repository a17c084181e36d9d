import { projectDeployment } from './apps';
import { projectBareMetalHost } from './bareMetalHost';
import { projectMachineDeployment, projectMachineHealthCheck } from './capi';
import { projectProviderNetwork } from './kubeovn';
import { projectMetal3MachineTemplate } from './metal3';

/** The fields the runbook checks read, from objects as the API server returns them. */
describe('projections for the runbook checks', () => {
  it('keeps of a controller Deployment its labels, replicas and images', () => {
    const d = projectDeployment({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'capm3-controller-manager',
        namespace: 'capm3-system',
        resourceVersion: '7',
        labels: { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
        annotations: { 'deployment.kubernetes.io/revision': '3' },
      },
      spec: {
        replicas: 1,
        template: {
          metadata: { labels: { 'control-plane': 'controller-manager' } },
          spec: {
            containers: [
              {
                name: 'manager',
                image: 'quay.io/metal3-io/cluster-api-provider-metal3:v1.9.2',
                args: ['--x'],
              },
              { name: 'proxy', image: 'gcr.io/kube-rbac-proxy:v0.18.0' },
            ],
          },
        },
      },
      status: { readyReplicas: 1, replicas: 1 },
    });
    expect(d).toEqual({
      name: 'capm3-controller-manager',
      namespace: 'capm3-system',
      resourceVersion: '7',
      labels: { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
      templateLabels: { 'control-plane': 'controller-manager' },
      replicas: 1,
      readyReplicas: 1,
      images: [
        'quay.io/metal3-io/cluster-api-provider-metal3:v1.9.2',
        'gcr.io/kube-rbac-proxy:v0.18.0',
      ],
    });
  });

  it('reads a Deployment scaled to 0 with no ready replicas as such', () => {
    const d = projectDeployment({
      metadata: { name: 'ironic', namespace: 'baremetal-operator-system' },
      spec: { replicas: 0, template: { spec: { containers: [] } } },
      status: {},
    });
    expect(d.replicas).toBe(0);
    expect(d.readyReplicas).toBeUndefined();
    expect(d.images).toEqual([]);
  });

  it('reads a ProviderNetwork with its interfaces and status', () => {
    const pn = projectProviderNetwork({
      apiVersion: 'kubeovn.io/v1',
      kind: 'ProviderNetwork',
      metadata: { name: 'ext-cloud', resourceVersion: '3' },
      spec: {
        defaultInterface: 'bond0',
        customInterfaces: [{ interface: 'eno2', nodes: ['worker-1'] }],
        excludeNodes: ['master-1'],
      },
      status: {
        ready: true,
        readyNodes: ['master-2', 'worker-1'],
        vlans: ['vlan200', 'vlan300'],
        conditions: [],
      },
    });
    expect(pn).toMatchObject({
      name: 'ext-cloud',
      defaultInterface: 'bond0',
      customInterfaces: [{ interface: 'eno2', nodes: ['worker-1'] }],
      excludeNodes: ['master-1'],
      // notReadyNodes is omitempty in Kube-OVN: absent means none.
      status: {
        readyNodes: ['master-2', 'worker-1'],
        notReadyNodes: [],
        vlans: ['vlan200', 'vlan300'],
      },
    });
  });

  it('tells a ProviderNetwork Kube-OVN has not reconciled from one ready nowhere', () => {
    const fresh = projectProviderNetwork({
      metadata: { name: 'trunk' },
      spec: { defaultInterface: 'eth1' },
    });
    expect(fresh.status).toBeUndefined();
    const nowhere = projectProviderNetwork({
      metadata: { name: 'trunk' },
      spec: { defaultInterface: 'eth1' },
      status: { ready: false },
    });
    expect(nowhere.status).toEqual({
      readyNodes: [],
      notReadyNodes: [],
      vlans: [],
    });
  });

  it("keeps a host's image, root device hints and a compact NIC list", () => {
    const host = projectBareMetalHost({
      metadata: { name: 'worker-1', namespace: 'metal3', resourceVersion: '1' },
      spec: {
        bootMACAddress: '52:54:00:00:00:01',
        rootDeviceHints: { minSizeGigabytes: 100 },
        image: {
          url: 'http://images/ubuntu-24.04-rke2-v1.33.0.qcow2',
          checksum: 'http://images/ubuntu-24.04-rke2-v1.33.0.qcow2.sha256sum',
          checksumType: 'sha256',
          format: 'qcow2',
        },
      },
      status: {
        hardware: {
          nics: [
            {
              name: 'eno1',
              mac: '52:54:00:00:00:01',
              ip: '10.0.0.5',
              speedGbps: 1,
            },
            {
              name: 'eno1',
              mac: '52:54:00:00:00:01',
              ip: 'fe80::1',
              speedGbps: 1,
            },
            { name: 'ens1f0', mac: '52:54:00:00:01:01', speedGbps: 25 },
          ],
          storage: [{ name: '/dev/sda' }, { name: '/dev/sdb' }],
        },
      },
    });
    expect(host).toMatchObject({
      imageUrl: 'http://images/ubuntu-24.04-rke2-v1.33.0.qcow2',
      imageChecksum: 'http://images/ubuntu-24.04-rke2-v1.33.0.qcow2.sha256sum',
      imageChecksumType: 'sha256',
      imageFormat: 'qcow2',
      rootDeviceHints: { minSizeGigabytes: 100 },
      nics: [
        {
          name: 'eno1',
          mac: '52:54:00:00:00:01',
          speedGbps: 1,
          addressed: true,
        },
        {
          name: 'ens1f0',
          mac: '52:54:00:00:01:01',
          speedGbps: 25,
          addressed: false,
        },
      ],
    });
    expect(host.hardware?.diskCount).toBe(2);
    const uninspected = projectBareMetalHost({
      metadata: { name: 'new', namespace: 'metal3' },
      spec: { rootDeviceHints: {} },
    });
    expect(uninspected.nics).toBeUndefined();
    expect(uninspected.rootDeviceHints).toBeUndefined();
  });

  it('reads the rollout strategy of both CAPI versions', () => {
    const v1 = projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      metadata: { name: 'md' },
      spec: { strategy: { type: 'OnDelete' } },
    });
    const v2 = projectMachineDeployment({
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      metadata: { name: 'md' },
      spec: {
        rollout: {
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
          },
        },
      },
    });
    expect(v1).toMatchObject({
      apiVersion: 'v1beta1',
      strategyType: 'OnDelete',
    });
    expect(v2).toMatchObject({
      apiVersion: 'v1beta2',
      strategyType: 'RollingUpdate',
      maxSurge: 0,
      maxUnavailable: 1,
    });
  });

  it('reads unhealthyRange of both CAPI versions', () => {
    expect(
      projectMachineHealthCheck({
        apiVersion: 'cluster.x-k8s.io/v1beta1',
        metadata: { name: 'mhc' },
        spec: { unhealthyRange: '[1-2]' },
      }).unhealthyRange,
    ).toBe('[1-2]');
    expect(
      projectMachineHealthCheck({
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        metadata: { name: 'mhc' },
        spec: { remediation: { triggerIf: { unhealthyInRange: '[1-3]' } } },
      }).unhealthyRange,
    ).toBe('[1-3]');
  });

  it("reads the template image's checksum type", () => {
    const t = projectMetal3MachineTemplate({
      metadata: { name: 't' },
      spec: {
        template: {
          spec: {
            image: {
              url: 'http://i/x.qcow2',
              checksum: 'http://i/x.qcow2.md5sum',
              checksumType: 'md5',
              format: 'qcow2',
            },
          },
        },
      },
    });
    expect(t).toMatchObject({
      imageChecksum: 'http://i/x.qcow2.md5sum',
      imageChecksumType: 'md5',
      imageFormat: 'qcow2',
    });
  });
});
