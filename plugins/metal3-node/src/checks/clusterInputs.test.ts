import { ConfigReader } from '@backstage/config';
import { isUnavailable } from '@metal3-fleet/plugin-metal3-common';
import { CLUSTER, runbookCluster } from './__fixtures__/runbookCluster';
import { assembleClusterInputs, LiveFacts } from './clusterInputs';
import { readChecksSettings } from './settings';

const NOW = '2026-11-25T12:00:00Z';
const noLive = (): LiveFacts => ({
  servedKinds: { unavailable: 'not read in this test' },
  probes: {},
  bmc: new Map(),
  credentials: new Map(),
  redfish: new Map(),
  entities: new Map(),
  pastRemediations: [],
});

const assemble = async (live: Partial<LiveFacts> = {}) => {
  const fleet = runbookCluster();
  return {
    fleet,
    inputs: await assembleClusterInputs({
      cluster: CLUSTER,
      cache: fleet.getCluster(CLUSTER),
      settings: readChecksSettings(new ConfigReader({})),
      live: { ...noLive(), ...live },
      now: NOW,
    }),
  };
};

const worker2 = { namespace: 'metal3', name: 'worker-2' };
const pool = { namespace: 'metal3', name: 'workers' };

describe('assembleClusterInputs', () => {
  it('gives the stack check the Deployments with their own and their pods labels', async () => {
    const { inputs } = await assemble();
    expect(inputs.stack.deployments).toEqual([
      {
        namespace: 'capm3-system',
        name: 'capm3-controller-manager',
        labels: { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
        desiredReplicas: 1,
        readyReplicas: 0,
        images: ['quay.io/metal3-io/cluster-api-provider-metal3:v1.9.2'],
      },
    ]);
    expect(inputs.stack.controllers?.map(c => c.id)).toEqual([
      'baremetal-operator',
      'ironic',
      'capm3',
      'ipam',
      'capi',
    ]);
  });

  it('passes on why a resource is missing, and which namespaces could not be read', async () => {
    const fleet = runbookCluster();
    fleet.setUnavailable(
      CLUSTER,
      'provider-networks',
      'the cluster serves no kubeovn.io/v1 provider-networks (CRD provider-networks.kubeovn.io not installed)',
    );
    fleet.setNamespaceFailures(CLUSTER, 'deployments', {
      'capi-system': 'deployments.apps is forbidden',
    });
    const inputs = await assembleClusterInputs({
      cluster: CLUSTER,
      cache: fleet.getCluster(CLUSTER),
      settings: readChecksSettings(new ConfigReader({})),
      live: noLive(),
      now: NOW,
    });
    expect(inputs.network.providerNetworks).toEqual({
      unavailable:
        'the cluster serves no kubeovn.io/v1 provider-networks (CRD provider-networks.kubeovn.io not installed)',
    });
    expect(inputs.stack.unreadNamespaces).toEqual({
      'capi-system': 'deployments.apps is forbidden',
    });
  });

  it('gives every pool member with its Node, labels and inspected NICs', async () => {
    const { inputs } = await assemble();
    const net = inputs.network.workers.find(w => w.host.name === 'worker-2');
    expect(net).toEqual({
      host: worker2,
      pool,
      nodeName: 'worker-2',
      bootMACAddress: '52:54:00:00:02:01',
      nics: [
        {
          name: 'eno1',
          mac: '52:54:00:00:02:01',
          ip: '(address)',
          speedGbps: 1,
        },
        { name: 'ens1f0', mac: '52:54:00:00:02:02', speedGbps: 25 },
      ],
    });
    expect(
      inputs.nodeRoles.workers.find(w => w.host.name === 'worker-2'),
    ).toEqual({
      host: worker2,
      pool,
      nodeName: 'worker-2',
      labels: {
        'kube-ovn/role': 'master',
        'node-role.kubernetes.io/worker': 'true',
      },
    });
    // Every Node counts for ready nodes, masters included.
    expect(
      isUnavailable(inputs.network.nodes)
        ? []
        : inputs.network.nodes.map(n => n.name).sort(),
    ).toEqual(['master-1', 'worker-1', 'worker-2']);
  });

  it('uses a trunk NIC configured for the pool', async () => {
    const fleet = runbookCluster();
    const inputs = await assembleClusterInputs({
      cluster: CLUSTER,
      cache: fleet.getCluster(CLUSTER),
      settings: readChecksSettings(
        new ConfigReader({
          metal3: {
            checks: {
              trunkNics: [
                { namespace: 'metal3', pool: 'workers', nic: 'bond0' },
              ],
            },
          },
        }),
      ),
      live: noLive(),
      now: NOW,
    });
    expect(inputs.network.workers.map(w => w.trunkNicName)).toEqual([
      'bond0',
      'bond0',
    ]);
  });

  it("matches the health check to its pool and the remediation to its Machine's host", async () => {
    const { inputs } = await assemble();
    expect(inputs.remediation.healthChecks).toEqual([
      {
        namespace: 'metal3',
        name: 'workers-mhc',
        apiVersion: 'v1beta1',
        remediationTemplate: {
          kind: 'Metal3RemediationTemplate',
          name: 'workers-reboot',
        },
        unhealthyLessThanOrEqualTo: '40%',
        pools: [pool],
        status: {
          expectedMachines: 2,
          currentHealthy: 2,
          remediationsAllowed: 0,
        },
      },
    ]);
    expect(inputs.remediation.pools).toEqual([{ pool, replicas: 2 }]);
    expect(inputs.remediation.remediations).toEqual([
      {
        namespace: 'metal3',
        name: 'workers-abc-1',
        host: { namespace: 'metal3', name: 'worker-1' },
        pool,
        phase: 'Running',
        retryCount: 1,
        retryLimit: 2,
        startedAt: '2026-11-25T11:50:00Z',
        active: true,
      },
    ]);
  });

  it('reads images from the pool template and from provisioned hosts', async () => {
    const { inputs } = await assemble();
    const image = {
      url: 'http://images.local/ubuntu-24.04-rke2.qcow2',
      checksum: 'http://images.local/ubuntu-24.04-rke2.qcow2.sha256sum',
      checksumType: 'sha256',
      format: 'qcow2',
    };
    expect(inputs.images.pools).toEqual([
      { pool, image, kubernetesVersion: 'v1.35.0' },
    ]);
    expect(inputs.images.hosts).toContainEqual({ host: worker2, pool, image });
  });

  it('gives the practices their spec facts and says what only a live read finds', async () => {
    const { inputs } = await assemble();
    const ipmi = inputs.practices.hosts.find(h => h.host.name === 'worker-1')!;
    expect(ipmi.spec).toEqual({
      diskCount: 2,
      automatedCleaningMode: 'metadata',
      templateAutomatedCleaningMode: 'metadata',
      bmcScheme: 'ipmi',
      bmcHost: '10.0.0.11',
      disableCertificateVerification: false,
    });
    expect(ipmi.credentials).toEqual({
      unavailable:
        "Secret worker-1-bmc-secret is read when the host's findings are asked for",
    });
  });

  it('gives drift the inspected inventory and the BMC reading when there is one', async () => {
    const reading = { serialNumber: 'SN-2', powerState: 'On' as const };
    const { inputs } = await assemble({
      bmc: new Map([['metal3/worker-2', reading]]),
    });
    const two = inputs.drift.inventory!.find(h => h.host.name === 'worker-2')!;
    expect(two.inventory).toEqual({
      serialNumber: 'SN-2',
      manufacturer: 'Dell Inc.',
      model: 'PowerEdge R650',
      macs: ['52:54:00:00:02:01', '52:54:00:00:02:02'],
      poweredOn: true,
    });
    expect(two.bmc).toBe(reading);
    const one = inputs.drift.inventory!.find(h => h.host.name === 'worker-1')!;
    expect(one.bmc).toEqual({
      unavailable: expect.stringMatching(/^not read yet/),
    });
  });

  it('gives node reuse the rollout and template, and the join check the provision time', async () => {
    const { inputs } = await assemble();
    expect(inputs.nodeReuse.pools).toEqual([
      {
        pool,
        apiVersion: 'v1beta2',
        strategyType: 'RollingUpdate',
        maxSurge: 1,
        maxUnavailable: 0,
        replicas: 2,
        template: { name: 'workers-v1', nodeReuse: false },
      },
    ]);
    expect(inputs.workerJoin.machines).toContainEqual({
      machine: { namespace: 'metal3', name: 'workers-abc-2' },
      host: worker2,
      pool,
      providerID: 'metal3://metal3/worker-2/workers-m3m-2',
      nodeName: 'worker-2',
      provisionedAt: '2026-11-25T10:15:00Z',
    });
  });
});
