import { request as httpsRequest } from 'node:https';
import {
  CLUSTER,
  eventually,
  NS,
  RUNBOOK_LAB_CONFIG,
  startLabBackend,
} from './__testUtils__/labBackend';

jest.setTimeout(180_000);

const APPS_POOL = 'apps-md-0-h7k2w';

/**
 * The lab as `yarn lab` starts it seeds each defect of the guide's runbook
 * once (packages/metal3-lab README, "Runbook defects"). Through the REST API
 * (answers checked against the OpenAPI spec): every page of the cluster is
 * read (the cluster, each pool, each host, the images), and each seeded
 * defect is a problem exactly once, on the page it belongs to, with its fix.
 */
describe('the runbook defects the lab seeds', () => {
  let env: Awaited<ReturnType<typeof startLabBackend>>;

  beforeAll(async () => {
    env = await startLabBackend({
      bmcPassword: 'sentinel-runbook-password-7c2a',
      runbookDefects: true,
      metal3: RUNBOOK_LAB_CONFIG,
    });
  });

  afterAll(async () => {
    await env?.stop();
  });

  const findings = async (path: string): Promise<any[]> => {
    const res = await env.api.get(path);
    expect(res.status).toBe(200);
    return res.body.findings;
  };

  /** Every finding of every page, once each (a finding shows on several pages). */
  async function everyFinding(): Promise<any[]> {
    const hosts = (await env.api.get(`/hosts?cluster=${CLUSTER}&limit=500`))
      .body.items as any[];
    const pools = (await env.api.get('/pools')).body.items as any[];
    const pages = [
      `/clusters/${CLUSTER}/findings`,
      ...pools
        .filter(p => p.cluster === CLUSTER)
        .map(p => `/pools/${CLUSTER}/${p.namespace}/${p.name}/findings`),
      ...hosts
        .filter(h => h.cluster === CLUSTER)
        .map(h => `/hosts/${CLUSTER}/${h.namespace}/${h.name}/findings`),
    ];
    const seen = new Map<string, any>();
    for (const page of pages) {
      for (const f of await findings(page)) {
        seen.set(
          JSON.stringify([f.check, f.subject, f.item ?? '', f.title]),
          f,
        );
      }
    }
    const images = (await env.api.get(`/clusters/${CLUSTER}/images`)).body
      .items as any[];
    for (const image of images) {
      for (const f of image.findings) {
        seen.set(
          JSON.stringify([f.check, f.subject, f.item ?? '', f.title]),
          f,
        );
      }
    }
    return [...seen.values()];
  }

  const problems = (all: any[], check: string) =>
    all.filter(f => f.check === check && f.outcome === 'problem');
  const page = (f: any) =>
    `${f.subject.kind}:${f.subject.name}${f.item ? `#${f.item}` : ''}`;

  it('finds each seeded defect once, on its page, with its fix', async () => {
    // Image probes run in the background: wait until both image defects are known.
    const all = await eventually(async () => {
      const list = await everyFinding();
      const probed =
        problems(list, 'image.url-reachable').length > 0 &&
        problems(list, 'image.checksum-reachable').length > 0 &&
        !list.some(
          f =>
            f.check.startsWith('image.') &&
            f.outcome === 'unknown' &&
            /not probed yet/.test(f.missing ?? ''),
        );
      return probed && list;
    }, 60_000);

    // The controllers of the Metal3 stack run, with their versions.
    const controllers = all.filter(f => f.check === 'stack.controller-ready');
    expect(controllers.map(f => [f.item, f.outcome]).sort()).toEqual([
      ['baremetal-operator', 'ok'],
      ['capi', 'ok'],
      ['capm3', 'ok'],
      ['ipam', 'ok'],
      ['ironic', 'ok'],
    ]);

    // An image whose server is gone: worker-1 was provisioned from it.
    const gone = problems(all, 'image.url-reachable');
    expect(gone.map(page)).toEqual([
      expect.stringMatching(
        /^image:http:\/\/127\.100\.251\.2:\d+\/images\/ubuntu-24\.04-rke2-v1\.32\.qcow2$/,
      ),
    ]);
    expect(gone[0].also).toEqual(
      expect.arrayContaining([
        { kind: 'host', cluster: CLUSTER, namespace: NS, name: 'worker-1' },
      ]),
    );
    expect(gone[0].fix.text).toMatch(/local HTTP server|correct the URL/);

    // The apps pool's image is published without its checksum file.
    const unchecked = problems(all, 'image.checksum-reachable');
    expect(unchecked.map(page)).toEqual([
      expect.stringMatching(
        /^image:(http:\/\/127\.100\.251\.1:\d+\/images\/ubuntu-24\.04-rke2-v1\.35\.0\.qcow2)#\1\.sha256sum$/,
      ),
    ]);
    expect(unchecked[0].also).toEqual(
      expect.arrayContaining([
        { kind: 'pool', cluster: CLUSTER, namespace: NS, name: APPS_POOL },
      ]),
    );
    expect(unchecked[0].fix.text).toMatch(/sha256sum/);
    // The images the lab serves with their checksum files answer.
    expect(
      all.filter(
        f =>
          f.check === 'image.url-reachable' &&
          f.outcome === 'ok' &&
          /127\.100\.251\.1/.test(f.subject.name),
      ),
    ).not.toHaveLength(0);

    // ext-cloud misses the one worker whose trunk NIC has another name.
    const nic = problems(all, 'network.trunk-nic-covered').filter(
      f => f.item === 'ext-cloud',
    );
    expect(nic.map(page)).toEqual(['host:apps-1#ext-cloud']);
    expect(nic[0].fix.template).toMatchObject({
      name: 'metal3-update-provider-network',
      values: {
        providerNetwork: 'ext-cloud',
        pool: APPS_POOL,
        nicName: 'ens2f1np1',
      },
    });
    const notReady = problems(all, 'network.ready-nodes').filter(
      f => f.subject.name === 'ext-cloud',
    );
    expect(notReady).toHaveLength(1);
    expect(JSON.stringify(notReady[0].evidence)).toContain('apps-1');
    // Its VLAN is there (status.vlans, kept by the lab's Kube-OVN).
    expect(
      all.find(
        f =>
          f.check === 'network.vlan-subinterfaces' &&
          f.subject.name === 'ext-cloud',
      )?.outcome,
    ).toBe('ok');

    // One worker labelled as an OVN central node.
    const labels = problems(all, 'node.worker-labels');
    expect(labels.map(page)).toEqual(['host:worker-0']);
    expect(labels[0].fix.commands).toContain(
      'kubectl label node worker-0 kube-ovn/role-',
    );

    // The guide's 40 % on the 2-replica apps pool never remediates.
    const mhc = problems(all, 'remediation.can-remediate');
    expect(mhc.map(f => `${f.subject.kind}:${f.subject.name}`)).toEqual([
      `pool:${APPS_POOL}`,
    ]);
    expect(JSON.stringify(mhc[0].fix)).toMatch(/50%/);

    // worker-3's BMC reports another serial than its inventory.
    const drift = problems(all, 'drift.bmc-inventory');
    expect(drift.map(page)).toEqual(['host:worker-3']);
    expect(drift[0].severity).toBe('error');
    expect(JSON.stringify(drift[0].evidence)).toMatch(/serial/i);
  });

  it('a controller `yarn lab fault --controller-down` takes down is unready on the cluster page, and back with --controller-up', async () => {
    const ironic = async () =>
      (await findings(`/clusters/${CLUSTER}/findings`)).find(
        x => x.check === 'stack.controller-ready' && x.item === 'ironic',
      );
    expect(await labFault({ name: 'ironic', ready: false })).toMatchObject({
      controllersDown: ['ironic'],
    });
    const down = await eventually(async () => {
      const f = await ironic();
      return f?.outcome === 'problem' && f;
    });
    expect(down.severity).toBe('error');
    expect(await labFault({ name: 'ironic', ready: true })).toMatchObject({
      controllersDown: [],
    });
    await eventually(async () => (await ironic())?.outcome === 'ok');
  });

  /** What `yarn lab fault` sends: POST /lab/v1/faults with the cluster's admin token. */
  function labFault(controller: { name: string; ready: boolean }) {
    const cluster = env.lab.clusters[0];
    const url = new URL('/lab/v1/faults', cluster.url);
    return new Promise<any>((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: 'POST',
          ca: cluster.caPem,
          headers: {
            authorization: `Bearer ${cluster.token}`,
            'content-type': 'application/json',
          },
        },
        res => {
          let body = '';
          res.on('data', chunk => (body += chunk));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(JSON.parse(body))
              : reject(new Error(`${res.statusCode} ${body}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ controller }));
    });
  }
});
