import { ConfigReader } from '@backstage/config';
import {
  CheckFinding,
  checkDrift,
  checkHostPractices,
  checkImages,
  checkNetwork,
  checkNodeReuse,
  checkNodeRoles,
  checkRemediation,
  checkStack,
  checkWorkerJoin,
  findingKey,
  findingsForSubject,
} from '@metal3-fleet/plugin-metal3-common';
import { CLUSTER, runbookCluster } from './__fixtures__/runbookCluster';
import { assembleClusterInputs, ClusterCheckInputs } from './clusterInputs';
import { PER_HOST_CHECKS, runChecks } from './runChecks';
import { readChecksSettings } from './settings';

const NOW = '2026-11-25T12:00:00Z';

function inputs(): Promise<ClusterCheckInputs> {
  const fleet = runbookCluster();
  return assembleClusterInputs({
    cluster: CLUSTER,
    cache: fleet.getCluster(CLUSTER),
    settings: readChecksSettings(new ConfigReader({})),
    live: {
      servedKinds: [
        { group: 'metal3.io', kind: 'BareMetalHost', versions: ['v1alpha1'] },
      ],
      probes: {
        'http://images.local/ubuntu-24.04-rke2.qcow2': { status: 200 },
        'http://images.local/ubuntu-24.04-rke2.qcow2.sha256sum': {
          status: 404,
        },
      },
      bmc: new Map([
        [
          'metal3/worker-2',
          { serialNumber: 'OTHER', powerState: 'On' as const },
        ],
      ]),
      credentials: new Map(),
      redfish: new Map(),
      entities: new Map(),
      pastRemediations: [],
    },
    now: NOW,
  });
}

/** Every check called once on the whole input: what chunking must not change. */
function oneCall(i: ClusterCheckInputs): CheckFinding[] {
  return [
    ...checkStack(i.stack),
    ...checkImages(i.images),
    ...checkNetwork(i.network),
    ...checkNodeRoles(i.nodeRoles),
    ...checkRemediation(i.remediation),
    ...checkHostPractices(i.practices),
    ...checkDrift(i.drift),
    ...checkNodeReuse(i.nodeReuse),
    ...checkWorkerJoin(i.workerJoin),
  ];
}

const byKey = (findings: CheckFinding[]) =>
  [...findings].sort((a, b) => findingKey(a).localeCompare(findingKey(b)));

describe('runChecks', () => {
  it('gives the findings of one call per check, whatever the chunk size', async () => {
    const expected = byKey(oneCall(await inputs()));
    for (const chunkSize of [1, 2, 500]) {
      expect(byKey(await runChecks(await inputs(), { chunkSize }))).toEqual(
        expected,
      );
    }
  });

  it('hands the per-host findings to a sink and returns the rest', async () => {
    const sunk: CheckFinding[] = [];
    const kept = await runChecks(await inputs(), {
      chunkSize: 1,
      onHostFindings: chunk => sunk.push(...chunk),
    });
    expect(kept.some(f => PER_HOST_CHECKS.has(f.check))).toBe(false);
    expect(sunk.every(f => PER_HOST_CHECKS.has(f.check))).toBe(true);
    expect(byKey([...kept, ...sunk])).toEqual(byKey(oneCall(await inputs())));
  });

  it("finds the guide's defects where an operator looks, each with its fix", async () => {
    const findings = await runChecks(await inputs());
    const problems = (subject: {
      kind: any;
      namespace?: string;
      name: string;
    }) =>
      findingsForSubject(findings, { cluster: CLUSTER, ...subject })
        .filter(f => f.outcome === 'problem')
        .map(f => f.check);
    const host2 = problems({
      kind: 'host',
      namespace: 'metal3',
      name: 'worker-2',
    });
    expect(host2).toEqual(
      expect.arrayContaining([
        'node.worker-labels',
        'network.trunk-nic-covered',
        'network.ready-nodes',
        'drift.bmc-inventory',
        'practice.certificate-verification',
        'practice.root-device-hints',
      ]),
    );
    const pool = problems({
      kind: 'pool',
      namespace: 'metal3',
      name: 'workers',
    });
    expect(pool).toEqual(
      expect.arrayContaining([
        'remediation.can-remediate',
        'node.worker-labels',
        'network.trunk-nic-covered',
        'practice.node-reuse',
      ]),
    );
    const cluster = problems({ kind: 'cluster', name: CLUSTER });
    expect(cluster).toContain('stack.controller-ready');

    const nic = findings.find(
      f => f.check === 'network.trunk-nic-covered' && f.outcome === 'problem',
    ) as any;
    expect(nic.fix.template).toEqual({
      name: 'metal3-update-provider-network',
      action: 'metal3:provider-network:update',
      values: {
        cluster: CLUSTER,
        providerNetwork: 'ext-cloud',
        namespace: 'metal3',
        pool: 'workers',
        nicName: 'ens1f0',
      },
    });
    const capm3 = findings.find(
      f => f.check === 'stack.controller-ready' && f.item === 'capm3',
    ) as any;
    expect(capm3).toMatchObject({ outcome: 'problem', severity: 'error' });
    expect(capm3.title).toBe(
      'CAPM3 not ready: capm3-system/capm3-controller-manager has 0 of 1 replicas ready',
    );
    const checksum = findings.find(
      f => f.check === 'image.checksum-reachable',
    ) as any;
    expect(checksum.outcome).toBe('problem');
  });
});
