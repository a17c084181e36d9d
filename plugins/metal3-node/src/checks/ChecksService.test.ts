import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  BmcTelemetryDto,
  createOwnerResolver,
} from '@metal3-fleet/plugin-metal3-common';
import type { Metal3BmcService } from '../bmc/service';
import { ImageProbeService } from '../images';
import { CLUSTER, runbookCluster } from './__fixtures__/runbookCluster';
import { ChecksService, EntityFactsSource } from './ChecksService';
import { metal3ResourceEntityRef } from './inputs';
import { readChecksSettings } from './settings';

const ownerOf = createOwnerResolver({
  ownerKey: 'metal3.backstage.io/owner',
  defaultOwner: 'group:default/metal3-admins',
});

/** A BMC service whose BMCs report what the test says (serial by host). */
function fakeBmc(serials: Record<string, string>) {
  const reads: string[] = [];
  const bmc = {
    preflight: async () => {
      throw new Error('not used');
    },
    telemetry: {
      read: async (host: { name: string }): Promise<BmcTelemetryDto> => {
        reads.push(host.name);
        return {
          protocol: 'redfish',
          readAt: '2026-11-25T12:00:00Z',
          system: {
            serialNumber: serials[host.name],
            manufacturer: 'Dell Inc.',
            model: 'PowerEdge R650',
            powerState: 'On',
          },
          errors: [],
        };
      },
      inventory: async () => {
        throw new Error('inventory not read in this test');
      },
    },
  } as unknown as Metal3BmcService;
  return { bmc, reads };
}

function service(options: {
  serials?: Record<string, string>;
  entities?: EntityFactsSource;
}) {
  const fleet = runbookCluster();
  const { bmc, reads } = fakeBmc(options.serials ?? {});
  const checks = new ChecksService({
    clusters: fleet,
    settings: readChecksSettings(new ConfigReader({})),
    images: new ImageProbeService({
      guard: { off: 'image URLs are not probed in this test' },
      timeoutMs: 1000,
      cacheSeconds: 60,
      maxInFlight: 2,
    }),
    bmc,
    entities: options.entities,
    ownerOf,
    logger: mockServices.logger.mock(),
    now: () => Date.parse('2026-11-25T12:00:00Z'),
  });
  return { fleet, checks, reads };
}

const pool = { namespace: 'metal3', name: 'workers' };

describe('ChecksService', () => {
  it('shows the stack and ProviderNetworks on the cluster page, with the banner summary', async () => {
    const { checks } = service({});
    const page = await checks.clusterFindings(CLUSTER);
    expect(page.subject).toEqual({
      kind: 'cluster',
      cluster: CLUSTER,
      name: CLUSTER,
    });
    expect(new Set(page.findings.map(f => f.check))).toEqual(
      new Set([
        'stack.crd-served',
        'stack.controller-ready',
        'network.ready-nodes',
        'network.vlan-subinterfaces',
      ]),
    );
    expect(page.stack).toMatchObject({
      unhealthy: true,
      // The first controller rule is BMO's, which the fixture lacks.
      first: {
        title:
          'Bare Metal Operator not found: no Deployment labelled control-plane=controller-manager in baremetal-operator-system',
      },
    });
    expect(await checks.stackSummary(CLUSTER)).toEqual(page.stack);
    // Discovery is not available in memory: every kind says why.
    expect(
      page.findings.find(f => f.check === 'stack.crd-served'),
    ).toMatchObject({
      outcome: 'unknown',
      missing: expect.stringContaining('not connected'),
    });
  });

  it("shows a pool its own findings and its members' problems", async () => {
    const { checks } = service({});
    const page = await checks.poolFindings(CLUSTER, pool);
    const problems = page.findings
      .filter(f => f.outcome === 'problem')
      .map(f => f.check);
    expect(problems).toEqual(
      expect.arrayContaining([
        'remediation.can-remediate',
        'node.worker-labels',
        'network.trunk-nic-covered',
      ]),
    );
    expect(
      page.findings.some(f => f.outcome === 'ok' && f.subject.kind === 'host'),
    ).toBe(false);
  });

  it('computes a host page with live BMC and catalog reads, and flags it for the fleet filters', async () => {
    const entity = {
      metadata: {
        annotations: {
          'metal3.backstage.io/hardware-serial': 'SN-2',
          'metal3.backstage.io/bmc-host': '10.0.0.12',
          'metal3.backstage.io/boot-mac': '52:54:00:00:02:01',
          'metal3.backstage.io/hardware-vendor': 'Dell Inc.',
          'metal3.backstage.io/hardware-model': 'PowerEdge R650',
        },
        labels: { 'metal3.backstage.io/bmc-protocol': 'redfish' },
      },
      // The entity still names the pool it had before.
      spec: {
        owner: 'group:default/metal3-admins',
        dependencyOf: [
          metal3ResourceEntityRef(CLUSTER, {
            namespace: 'metal3',
            name: 'old-pool',
          }),
        ],
      },
    };
    const { checks, reads } = service({
      serials: { 'worker-2': 'SN-OTHER' },
      entities: {
        entitiesOf: async () => new Map([['metal3/worker-2', entity]]),
      },
    });
    const before = await checks.hostFlags(CLUSTER);
    expect(before.get('metal3/worker-2')).toEqual(new Set(['is:noncompliant']));

    const page = await checks.hostFindings(CLUSTER, {
      namespace: 'metal3',
      name: 'worker-2',
    });
    expect(reads).toEqual(['worker-2']);
    const drift = page.findings.find(
      f => f.check === 'drift.bmc-inventory',
    ) as any;
    expect(drift).toMatchObject({ outcome: 'problem', severity: 'error' });
    expect(drift.title).toBe('BMC and inventory of worker-2 differ: serial');
    const entityDrift = page.findings.find(
      f => f.check === 'drift.catalog-entity',
    ) as any;
    expect(entityDrift).toMatchObject({ outcome: 'problem' });
    expect(entityDrift.title).toBe(
      'Catalog entity of worker-2 differs from the cluster: pool',
    );
    // The host page's reads count for the fleet filters at once.
    expect((await checks.hostFlags(CLUSTER)).get('metal3/worker-2')).toEqual(
      new Set(['is:noncompliant', 'is:drift']),
    );
    // Every check that applies to the host is on its page, once.
    const checksShown = page.findings.map(f => `${f.check}|${f.item ?? ''}`);
    expect(new Set(checksShown).size).toBe(checksShown.length);
    expect(page.findings.map(f => f.check)).toEqual(
      expect.arrayContaining([
        'node.worker-labels',
        'network.trunk-nic-covered',
        'network.ready-nodes',
        'remediation.host-remediation',
        'practice.root-device-hints',
        'practice.automated-cleaning',
        'practice.certificate-verification',
        'practice.bmc-credentials-age',
        'practice.worker-joined',
        'image.url-reachable',
      ]),
    );
  });

  it('keeps the BMC readings of the background pass for the next evaluation', async () => {
    const { checks, reads } = service({
      serials: { 'worker-1': 'SN-1', 'worker-2': 'SN-9' },
    });
    await checks.sweep(CLUSTER);
    expect(reads.sort()).toEqual(['worker-1', 'worker-2']);
    const flags = await checks.hostFlags(CLUSTER);
    expect(flags.get('metal3/worker-2')?.has('is:drift')).toBe(true);
    expect(flags.get('metal3/worker-1')?.has('is:drift') ?? false).toBe(false);
  });

  it('remembers a remediation that went away as the host history', async () => {
    const { fleet, checks } = service({});
    fleet.remove(CLUSTER, 'metal3remediations', 'metal3/workers-abc-1');
    const page = await checks.hostFindings(CLUSTER, {
      namespace: 'metal3',
      name: 'worker-1',
    });
    expect(page.remediations).toEqual([
      expect.objectContaining({
        name: 'workers-abc-1',
        host: { namespace: 'metal3', name: 'worker-1' },
        active: false,
        endedAt: '2026-11-25T12:00:00.000Z',
      }),
    ]);
  });

  it('lists the images in use with their users and findings', async () => {
    const { checks } = service({});
    const images = await checks.images(CLUSTER);
    expect(images.items).toHaveLength(1);
    expect(images.items[0]).toMatchObject({
      url: 'http://images.local/ubuntu-24.04-rke2.qcow2',
      versioned: false,
      pools: [pool],
      hosts: [
        { namespace: 'metal3', name: 'worker-1' },
        { namespace: 'metal3', name: 'worker-2' },
      ],
    });
    expect(images.items[0].findings.map(f => f.check)).toEqual(
      expect.arrayContaining(['image.versioned-name', 'image.url-reachable']),
    );
  });
});
