import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { metal3Plugin } from './plugin';
import { expectSpecResponse } from './__testUtils__/specResponses';

/** Every answer these tests read is checked against the spec first. */
const checked = async (test: request.Test) => expectSpecResponse(await test);

/** Every seeded BMC Secret of the lab carries this password. */
const SENTINEL = 'sentinel-bmc-password-4be1f0';

/**
 * The backend plugin on the lab: the REST API over a real cluster service,
 * and no BMC password in any answer or log line.
 */
describe('metal3 backend on the lab', () => {
  let lab: RunningLab;
  const logged: string[] = [];
  const audited: string[] = [];

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-')),
      bmcPassword: SENTINEL,
      speed: 100,
    });
  }, 30_000);

  // Stopping closes two API servers and every emulated BMC: slow on a busy CI machine.
  afterAll(async () => {
    await lab.stop();
  }, 30_000);

  async function start() {
    const logger = mockServices.rootLogger.mock();
    const capture = (level: string) =>
      jest.fn((message: string, meta?: unknown) => {
        logged.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
      });
    logger.info.mockImplementation(capture('info'));
    logger.warn.mockImplementation(capture('warn'));
    logger.error.mockImplementation(capture('error'));
    logger.debug.mockImplementation(capture('debug'));
    logger.child.mockReturnValue(logger);
    const { server } = await startTestBackend({
      features: [
        metal3Plugin,
        logger.factory,
        mockServices.auditor.mock({
          createEvent: async options => {
            audited.push(JSON.stringify(options.meta ?? {}));
            return {
              success: async o => {
                audited.push(JSON.stringify(o ?? {}));
              },
              fail: async o => {
                audited.push(
                  `${o.error?.message} ${JSON.stringify(o.meta ?? {})}`,
                );
              },
            };
          },
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            metal3: {
              // The lab's emulated BMCs listen on 127.100.x.y.
              // The lab runs in the test process, not as the backend's lab plugin.
              lab: { external: true },
              bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
              clusters: lab.clusters.map(c => ({
                name: c.name,
                authProvider: 'kubeconfig',
                kubeconfig: { file: lab.kubeconfigPath, context: c.name },
              })),
            },
          },
        }),
      ],
    });
    return server;
  }

  const admin = mockCredentials.user.header('user:default/admin');

  it('serves the lab fleet, powers a host off through the API, and leaks no BMC password', async () => {
    const server = await start();
    // The cluster caches fill in the background after start-up.
    let total = 0;
    for (let i = 0; i < 100 && total < 20; i++) {
      total =
        (
          await checked(
            request(server)
              .get('/api/metal3/hosts')
              .set('Authorization', admin),
          )
        ).body.total ?? 0;
      if (total < 20) await new Promise(r => setTimeout(r, 100));
    }
    expect(total).toBe(20);

    // Filter and page the seeded fleet: two pages of available hosts.
    const page1 = await checked(
      request(server)
        .get('/api/metal3/hosts')
        .query({ status: 'available', limit: 2, sort: 'name' })
        .set('Authorization', admin),
    );
    expect(page1.body.items).toHaveLength(2);
    expect(
      page1.body.items.every((h: any) => h.status.code === 'available'),
    ).toBe(true);
    expect(page1.body.facets.status.available).toBe(page1.body.total);
    const page2 = await checked(
      request(server)
        .get('/api/metal3/hosts')
        .query({
          status: 'available',
          limit: 2,
          sort: 'name',
          cursor: page1.body.nextCursor,
        })
        .set('Authorization', admin),
    );
    expect(page2.body.items[0].name > page1.body.items[1].name).toBe(true);

    const off = await checked(
      request(server)
        .post(
          '/api/metal3/hosts/kube-dc-mgmt/metal3/worker-4/actions/power-off',
        )
        .set('Authorization', admin),
    );
    expect(off.status).toBe(200);
    expect(off.body.changed).toBe(true);
    // Within 3 s (60 × 50 ms), as the issue asks.
    let power = '';
    for (let i = 0; i < 60 && power !== 'off'; i++) {
      await new Promise(r => setTimeout(r, 50));
      power = (
        await checked(
          request(server)
            .get('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-4')
            .set('Authorization', admin),
        )
      ).body.status?.power;
    }
    expect(power).toBe('off');
    // Through the simulated Ironic to the host's emulated Redfish BMC.
    expect(lab.bmcs.getPower('kube-dc-mgmt:metal3/worker-4')).toBe('Off');

    // NIC and disk lists are read live for the host page.
    const detail = await checked(
      request(server)
        .get('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0')
        .set('Authorization', admin),
    );
    expect(detail.body.hardwareDetails.nics.length).toBeGreaterThan(0);
    expect(detail.body.hardwareDetails.nics[0].mac).toMatch(/^[0-9a-f:]{17}$/);
    expect(detail.body.hardwareDetails.disks.length).toBeGreaterThan(0);

    // The power-off shows in the host's events, read live from the cluster.
    const events = await checked(
      request(server)
        .get('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-4/events')
        .set('Authorization', admin),
    );
    expect(events.status).toBe(200);
    expect(events.body.items).toContainEqual(
      expect.objectContaining({
        reason: 'PowerOff',
        object: 'BareMetalHost/worker-4',
      }),
    );
    const poolEvents = await checked(
      request(server)
        .get('/api/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers/events')
        .set('Authorization', admin),
    );
    expect(poolEvents.status).toBe(200);
    expect(Array.isArray(poolEvents.body.items)).toBe(true);

    const bodies: string[] = [];
    for (const path of [
      '/api/metal3/hosts?limit=500',
      '/api/metal3/hosts/kube-dc-mgmt/metal3/worker-8',
      '/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0',
      '/api/metal3/pools',
      '/api/metal3/pools/kube-dc-mgmt/metal3/kube-dc-workers',
      '/api/metal3/clusters',
    ]) {
      const res = await checked(
        request(server).get(path).set('Authorization', admin),
      );
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      bodies.push(res.text);
    }
    expect(bodies.join('\n')).not.toContain(SENTINEL);
    expect(bodies.join('\n')).not.toContain(
      Buffer.from(SENTINEL).toString('base64'),
    );
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(SENTINEL);
  }, 30_000);

  it("reads a host's live BMC data and runs the enrollment preflight, never showing the password", async () => {
    const server = await start();
    for (let i = 0; i < 100; i++) {
      const res = await checked(
        request(server)
          .get('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0')
          .set('Authorization', admin),
      );
      if (res.status === 200) break;
      await new Promise(r => setTimeout(r, 100));
    }
    const telemetry = await checked(
      request(server)
        .get('/api/metal3/hosts/kube-dc-mgmt/metal3/worker-0/bmc')
        .set('Authorization', admin),
    );
    expect(telemetry.status).toBe(200);
    expect(telemetry.body).toMatchObject({
      protocol: 'redfish',
      system: { powerState: expect.stringMatching(/On|Off/) },
      sensors: { sensors: expect.any(Array) },
    });
    expect(lab.bmcs.openSessions()).toBe(0);

    const bmh = lab.clusters[0].store.get(
      { group: 'metal3.io', resource: 'baremetalhosts' },
      'metal3',
      'worker-1',
    ) as any;
    const preflight = await checked(
      request(server)
        .post('/api/metal3/bmc/preflight')
        .set('Authorization', admin)
        .send({
          address: bmh.spec.bmc.address,
          username: 'admin',
          password: SENTINEL,
          disableCertificateVerification: true,
        }),
    );
    expect(preflight.status).toBe(200);
    expect(preflight.body.ok).toBe(true);
    expect(preflight.body.checks.map((c: any) => c.id)).toEqual([
      'address',
      'dns',
      'tcp',
      'tls',
      'authentication',
      'system',
      'power',
      'bootMacs',
    ]);
    expect(preflight.body.bootMacCandidates.map((n: any) => n.mac)).toContain(
      bmh.spec.bootMACAddress.toLowerCase(),
    );

    // A Secret reference works only with the address of a host that uses it.
    const byRef = await checked(
      request(server)
        .post('/api/metal3/bmc/preflight')
        .set('Authorization', admin)
        .send({
          address: bmh.spec.bmc.address,
          credentialsRef: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            name: bmh.spec.bmc.credentialsName,
          },
          disableCertificateVerification: true,
        }),
    );
    expect(
      byRef.body.checks.find((c: any) => c.id === 'authentication'),
    ).toMatchObject({ status: 'pass' });
    const exfiltrate = await checked(
      request(server)
        .post('/api/metal3/bmc/preflight')
        .set('Authorization', admin)
        .send({
          address: 'redfish://attacker.example/redfish/v1/Systems/1',
          credentialsRef: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            name: bmh.spec.bmc.credentialsName,
          },
        }),
    );
    expect(exfiltrate.status).toBe(400);
    expect(exfiltrate.body.error.message).toMatch(
      /credentialsRef: Secret .* may only be used with the BMC address of a host that references it/,
    );

    const wrong = await checked(
      request(server)
        .post('/api/metal3/bmc/preflight')
        .set('Authorization', admin)
        .send({
          address: bmh.spec.bmc.address,
          username: 'admin',
          password: `${SENTINEL}-wrong`,
          disableCertificateVerification: true,
        }),
    );
    expect(wrong.body.ok).toBe(false);
    expect(
      wrong.body.checks.find((c: any) => c.id === 'authentication'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/rejected the credentials for user admin/),
    });

    const everything = [
      telemetry.text,
      preflight.text,
      byRef.text,
      exfiltrate.text,
      wrong.text,
      ...logged,
      ...audited,
    ].join('\n');
    expect(audited.some(a => a.includes('bmcHost'))).toBe(true);
    expect(everything).not.toContain(SENTINEL);
    expect(everything).not.toContain(Buffer.from(SENTINEL).toString('base64'));
  }, 60_000);

  it('serves the last data marked stale through a 60 s API outage and recovers without a restart', async () => {
    const server = await start();
    const hosts = async () =>
      (
        await checked(
          request(server)
            .get('/api/metal3/hosts?limit=500')
            .set('Authorization', admin),
        )
      ).body;
    for (let i = 0; i < 100 && (await hosts()).total !== 20; i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    lab.clusters[0].faults.unavailableUntil = Date.now() + 60_000;
    lab.clusters[0].server.dropWatches();
    let sawStale = false;
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      const body = await hosts();
      // Never emptied: the last known fleet stays served, marked stale.
      expect(body.total).toBe(20);
      if (body.staleClusters?.some((c: any) => c.name === 'kube-dc-mgmt'))
        sawStale = true;
      await new Promise(r => setTimeout(r, 2_000));
    }
    expect(sawStale).toBe(true);
    // Recovery: the stale marker goes and a host created after the outage shows up.
    lab.clusters[0].store.create(
      { group: '', resource: 'secrets' },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'late-bmc', namespace: 'metal3' },
        data: { username: 'YQ==', password: 'Yg==' },
      },
    );
    lab.clusters[0].store.create(
      { group: 'metal3.io', resource: 'baremetalhosts' },
      {
        apiVersion: 'metal3.io/v1alpha1',
        kind: 'BareMetalHost',
        metadata: { name: 'late-0', namespace: 'metal3' },
        spec: {
          online: false,
          bootMACAddress: '02:00:00:00:0a:01',
          bmc: { address: 'ipmi://192.0.2.200', credentialsName: 'late-bmc' },
        },
      },
    );
    let recovered = false;
    for (let i = 0; i < 150 && !recovered; i++) {
      await new Promise(r => setTimeout(r, 200));
      const body = await hosts();
      recovered =
        body.total === 21 &&
        !(body.staleClusters ?? []).some((c: any) => c.name === 'kube-dc-mgmt');
    }
    expect(recovered).toBe(true);
  }, 120_000);
});
