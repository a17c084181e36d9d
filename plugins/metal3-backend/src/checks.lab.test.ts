import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { REQUIRED_KINDS } from '@metal3-fleet/plugin-metal3-common';
import { RAW_KEYS } from '@metal3-fleet/plugin-metal3-node/testUtils';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import {
  CLUSTER,
  eventually,
  NS,
  POOL,
  startLabBackend,
} from './__testUtils__/labBackend';

jest.setTimeout(120_000);

const MHC = { group: 'cluster.x-k8s.io', resource: 'machinehealthchecks' };
const HOSTS = `/hosts/${CLUSTER}/${NS}`;

/**
 * The runbook checks on the lab, through the REST API (every answer is
 * checked against the OpenAPI spec): each check family the lab can show,
 * and each defect written into the lab appearing once, on its page, with
 * its fix. The lab has no controller Deployments yet (no apps/v1): the stack
 * check says so instead of guessing.
 */
describe('runbook checks against the lab', () => {
  let env: Awaited<ReturnType<typeof startLabBackend>>;
  let images: Server;
  let imageBase: string;

  beforeAll(async () => {
    // An image server on loopback: the image is there, its checksum file is not.
    images = createServer((req: IncomingMessage, res: ServerResponse) => {
      res
        .writeHead(req.url === '/ubuntu-24.04-rke2-v1.35.0.qcow2' ? 200 : 404)
        .end();
    });
    await new Promise<void>(resolve => images.listen(0, '127.0.0.1', resolve));
    imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    env = await startLabBackend({
      bmcPassword: 'sentinel-checks-password-5d1e',
      metal3: {
        checks: { cacheSeconds: 0.2 },
        images: { allow: ['loopback'] },
      },
      features: [
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: {
                name: `${CLUSTER}.${NS}.worker-1`,
                namespace: 'default',
                annotations: {},
              },
              // The owner the entity was emitted with before a relabel.
              spec: { type: 'baremetal-host', owner: 'group:default/old-team' },
            },
          ],
        }),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
    images?.closeAllConnections();
    await new Promise(resolve => images?.close(resolve));
  });

  const findings = async (path: string) => {
    const res = await env.api.get(path);
    expect(res.status).toBe(200);
    return res.body.findings as any[];
  };
  const one = (list: any[], check: string, item?: string) => {
    const found = list.filter(
      f => f.check === check && (item === undefined || f.item === item),
    );
    expect(found).toHaveLength(1);
    return found[0];
  };
  const update = (key: any, object: any, status = false) => {
    delete object.metadata.resourceVersion;
    env.store().update(key, object, status ? { subresource: 'status' } : {});
  };

  it('serves the stack of each cluster: CRDs from discovery, controllers said unknown without apps/v1', async () => {
    const page = await env.api.get(`/clusters/${CLUSTER}/findings`);
    const crds = page.body.findings.filter(
      (f: any) => f.check === 'stack.crd-served',
    );
    // The lab serves every kind the portal reads, from the upstream CRDs.
    expect(crds).toHaveLength(REQUIRED_KINDS.length);
    expect(crds.every((f: any) => f.outcome === 'ok')).toBe(true);
    const controllers = page.body.findings.filter(
      (f: any) => f.check === 'stack.controller-ready',
    );
    expect(controllers.map((f: any) => f.item).sort()).toEqual([
      'baremetal-operator',
      'capi',
      'capm3',
      'ipam',
      'ironic',
    ]);
    expect(
      controllers.filter(
        (f: any) =>
          f.outcome === 'unknown' &&
          f.missing !==
            'no Deployment data: the cluster serves no apps/v1 deployments',
      ),
    ).toEqual([]);
    // The banner agrees with the page.
    const clusters = await env.api.get('/clusters');
    const mine = clusters.body.items.find((c: any) => c.name === CLUSTER);
    expect(mine.stack).toEqual(page.body.stack);
    expect(mine.stack.unknown).toBe(
      controllers.filter((f: any) => f.outcome === 'unknown').length,
    );
  });

  it("shows the ProviderNetwork's ready nodes on the cluster page and each worker's NIC on its host", async () => {
    const cluster = await findings(`/clusters/${CLUSTER}/findings`);
    const ready = one(cluster, 'network.ready-nodes');
    expect(ready.subject).toEqual({
      kind: 'provider-network',
      cluster: CLUSTER,
      name: 'trunk',
    });
    expect(ready.evidence[0].field).toBe('status.readyNodes');
    const host = await findings(`${HOSTS}/worker-0/findings`);
    const nic = one(host, 'network.trunk-nic-covered', 'trunk');
    // The lab's ProviderNetwork names eno12399, the Dell profile's addressed
    // boot NIC: Kube-OVN would bridge the management NIC.
    expect(nic).toMatchObject({ outcome: 'problem', severity: 'error' });
    expect(nic.title).toBe(
      "Kube-OVN would bridge eno12399 on worker-0, which is worker-0's management NIC, for trunk",
    );
    expect(nic.fix.template).toEqual({
      name: 'metal3-update-provider-network',
      action: 'metal3:provider-network:update',
      values: {
        cluster: CLUSTER,
        providerNetwork: 'trunk',
        namespace: NS,
        pool: POOL,
        nicName: 'eno12409',
      },
    });
  });

  it('flags a worker with the master label, on its host and pool pages and as is:noncompliant', async () => {
    const node = env.store().get(RAW_KEYS.node, undefined, 'worker-1')!;
    node.metadata.labels = {
      ...node.metadata.labels,
      'kube-ovn/role': 'master',
    };
    update(RAW_KEYS.node, node);
    const labels = await eventually(async () => {
      const f = (await findings(`${HOSTS}/worker-1/findings`)).find(
        x => x.check === 'node.worker-labels',
      );
      return f?.outcome === 'problem' && f;
    });
    expect(labels.severity).toBe('error');
    expect(labels.fix.commands).toContain(
      'kubectl label node worker-1 kube-ovn/role-',
    );
    // The pool page and the fleet filter read the cluster evaluation, which
    // follows the watch (the host page above reads live): wait for it.
    const onPool = await eventually(async () => {
      const pool = await findings(`/pools/${CLUSTER}/${NS}/${POOL}/findings`);
      const found = pool.filter(
        f => f.check === 'node.worker-labels' && f.subject.name === 'worker-1',
      );
      return found.length > 0 && found;
    });
    expect(onPool).toHaveLength(1);
    const flagged = await eventually(async () => {
      const fleet = await env.api.get('/hosts?q=is:noncompliant');
      const names = fleet.body.items.map((h: any) => h.name);
      return names.length > 0 && names;
    });
    expect(flagged).toEqual(['worker-1']);
  });

  it('flags a health check that can never remediate at the pool size, with its fix', async () => {
    const before = await findings(`/pools/${CLUSTER}/${NS}/${POOL}/findings`);
    expect(one(before, 'remediation.can-remediate').outcome).toBe('ok');
    const mhc = env.store().get(MHC, NS, 'kube-dc-workers-mhc')!;
    // The guide's own 40 %: 2 replicas × 40 % rounds down to 0.
    mhc.spec.remediation.triggerIf = { unhealthyLessThanOrEqualTo: '40%' };
    update(MHC, mhc);
    const can = await eventually(async () => {
      const f = one(
        await findings(`/pools/${CLUSTER}/${NS}/${POOL}/findings`),
        'remediation.can-remediate',
      );
      return f.outcome === 'problem' && f;
    });
    expect(can.severity).toBe('error');
    expect(JSON.stringify(can.fix)).toContain('50%');
  });

  it('compares what the BMC reports with the inventory, and filters drift', async () => {
    const clean = one(
      await findings(`${HOSTS}/worker-0/findings`),
      'drift.bmc-inventory',
    );
    // The emulated BMC is the hardware the lab inspected.
    expect(clean.outcome).toBe('ok');
    const host = env.store().get(RAW_KEYS.bmh, NS, 'worker-0')!;
    host.status.hardware.systemVendor.serialNumber = 'REPLACED-BOARD-1';
    update(RAW_KEYS.bmh, host, true);
    const drift = await eventually(async () => {
      const f = one(
        await findings(`${HOSTS}/worker-0/findings`),
        'drift.bmc-inventory',
      );
      return f.outcome === 'problem' && f;
    });
    expect(drift).toMatchObject({ severity: 'error' });
    expect(drift.title).toBe('BMC and inventory of worker-0 differ: serial');
    const fleet = await env.api.get('/hosts?q=is:drift');
    expect(fleet.body.items.map((h: any) => h.name)).toContain('worker-0');
  });

  it('compares the catalog entity with the cluster object', async () => {
    const entity = one(
      await findings(`${HOSTS}/worker-1/findings`),
      'drift.catalog-entity',
    );
    expect(entity.outcome).toBe('problem');
    expect(entity.title).toMatch(
      /^Catalog entity of worker-1 differs from the cluster: .*owner/,
    );
  });

  it('gives every host check of a pool member a verdict the lab can provide', async () => {
    const host = await findings(`${HOSTS}/worker-0/findings`);
    const unknown = host.filter(f => f.outcome === 'unknown').map(f => f.check);
    // Only the image probes (images.lab does not resolve) and the catalog
    // (worker-0 has no entity in this test) lack data.
    expect(new Set(unknown)).toEqual(
      new Set([
        'image.url-reachable',
        'image.checksum-reachable',
        'drift.catalog-entity',
      ]),
    );
    expect(one(host, 'practice.bmc-credentials-age').outcome).toBe('ok');
    expect(one(host, 'practice.worker-joined').outcome).toBe('ok');
    expect(one(host, 'remediation.host-remediation').outcome).toBe('ok');
    const res = await env.api.get(`${HOSTS}/worker-0/findings`);
    expect(res.body.remediations).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(
      'sentinel-checks-password-5d1e',
    );
  });

  it('probes the images in use: an image that answers, a checksum file that does not', async () => {
    const template = env.store().get(RAW_KEYS.m3mt, NS, 'kube-dc-workers-v1')!;
    template.spec.template.spec.image = {
      url: `${imageBase}/ubuntu-24.04-rke2-v1.35.0.qcow2`,
      checksum: `${imageBase}/ubuntu-24.04-rke2-v1.35.0.qcow2.sha256sum`,
      checksumType: 'sha256',
      format: 'qcow2',
    };
    update(RAW_KEYS.m3mt, template);
    const image = await eventually(async () => {
      const res = await env.api.get(`/clusters/${CLUSTER}/images`);
      const found = res.body.items.find(
        (i: any) => i.url === `${imageBase}/ubuntu-24.04-rke2-v1.35.0.qcow2`,
      );
      return found?.urlProbe && found.variants[0].checksumProbe && found;
    });
    expect(image.pools).toEqual([{ namespace: NS, name: POOL }]);
    expect(image.versioned).toBe(true);
    expect(image.urlProbe.status).toBe(200);
    expect(image.variants[0].checksumProbe.status).toBe(404);
    expect(one(image.findings, 'image.url-reachable').outcome).toBe('ok');
    const checksum = one(image.findings, 'image.checksum-reachable');
    expect(checksum).toMatchObject({ outcome: 'problem' });
    // Shown on the pool that uses it, once.
    const pool = await findings(`/pools/${CLUSTER}/${NS}/${POOL}/findings`);
    expect(
      pool.filter(
        f =>
          f.check === 'image.checksum-reachable' &&
          f.subject.name === image.url,
      ),
    ).toHaveLength(1);
  });

  it('answers 404 naming what does not exist', async () => {
    const host = await env.api.get(`${HOSTS}/no-such-host/findings`);
    expect(host.status).toBe(404);
    const cluster = await env.api.get('/clusters/no-such-cluster/findings');
    expect(cluster.status).toBe(404);
    expect(cluster.body.error.message).toContain('no-such-cluster');
  });
});
