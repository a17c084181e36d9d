import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { catalogModuleMetal3 } from './module';

/**
 * The catalog module inside a real catalog backend (SQLite), fed by the lab
 * over HTTPS: the seeded fleet becomes entities with relations and owners,
 * hosts created and deleted in the cluster come and go, and an API outage
 * of a minute removes nothing.
 */
jest.setTimeout(120_000);

const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const SECRETS = { group: '', resource: 'secrets' };
const admin = mockCredentials.user.header('user:default/admin');

let lab: RunningLab;
let server: Parameters<typeof request>[0];

beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-catalog-')),
    speed: 100,
  });
  ({ server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleMetal3,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          catalog: {
            providers: {
              metal3: {
                defaultOwner: 'group:default/metal3-admins',
                // Frequent full syncs, so the outage test exercises them.
                schedule: {
                  frequency: { seconds: 5 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
          metal3: {
            clusters: lab.clusters.map(c => ({
              name: c.name,
              authProvider: 'kubeconfig',
              kubeconfig: { file: lab.kubeconfigPath, context: c.name },
            })),
          },
        },
      }),
    ],
  }));
});

afterAll(async () => {
  await lab?.stop();
});

async function resources(type: string): Promise<any[]> {
  const res = await request(server)
    .get(
      `/api/catalog/entities/by-query?filter=kind=resource,spec.type=${type}&limit=500`,
    )
    .set('Authorization', admin);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 250));
  }
}

const relation = (entity: any, type: string) =>
  (entity.relations ?? [])
    .filter((r: any) => r.type === type)
    .map((r: any) => r.targetRef);

it('shows the seeded fleet: 20 hosts, the pools and both clusters, with relations and owners', async () => {
  const hosts = await eventually(async () => {
    const items = await resources('baremetal-host');
    return items.length === 20 ? items : undefined;
  });
  const pools = await resources('worker-pool');
  const clusters = await resources('kubernetes-cluster');
  expect(pools.map(p => p.metadata.name).sort()).toEqual([
    'kube-dc-mgmt.metal3.apps-md-0-h7k2w',
    'kube-dc-mgmt.metal3.kube-dc-workers',
  ]);
  expect(clusters.map(c => c.metadata.name).sort()).toEqual([
    'edge-lab',
    'kube-dc-mgmt',
  ]);
  const worker0 = hosts.find(
    h => h.metadata.name === 'kube-dc-mgmt.metal3.worker-0',
  );
  expect(relation(worker0, 'dependencyOf')).toEqual([
    'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
  ]);
  expect(relation(worker0, 'ownedBy')).toEqual(['group:default/metal3-admins']);
  const workers = pools.find(
    p => p.metadata.name === 'kube-dc-mgmt.metal3.kube-dc-workers',
  );
  expect(relation(workers, 'dependencyOf')).toEqual([
    'resource:default/kube-dc-mgmt',
  ]);
  const free = hosts.find(h => h.metadata.name === 'kube-dc-mgmt.metal3.gpu-0');
  // A free host depends on nothing; its cluster is an annotation.
  expect(relation(free, 'dependencyOf')).toEqual([]);
  expect(free.metadata.annotations['backstage.io/kubernetes-cluster']).toBe(
    'kube-dc-mgmt',
  );
  // Never a credential: not the Secret's name's content, not a password.
  expect(JSON.stringify(hosts)).not.toContain('lab-bmc-password');
});

it('finds hosts by their facts with the catalog filters docs/configuration.md names', async () => {
  const hosts = await eventually(async () => {
    const items = await resources('baremetal-host');
    return items.length === 20 ? items : undefined;
  });
  const filtered = async (filter: string) => {
    const res = await request(server)
      .get(
        `/api/catalog/entities/by-query?filter=spec.type=baremetal-host,${encodeURIComponent(
          filter,
        )}&limit=500`,
      )
      .set('Authorization', admin);
    expect(res.status).toBe(200);
    return (res.body.items as any[]).map(e => e.metadata.name).sort();
  };
  const namesWhere = (match: (h: any) => boolean) =>
    hosts
      .filter(match)
      .map(h => h.metadata.name)
      .sort();

  const ipmi = await filtered(
    'metadata.labels.metal3.backstage.io/bmc-protocol=ipmi',
  );
  expect(ipmi.length).toBeGreaterThan(0);
  expect(ipmi.length).toBeLessThan(hosts.length);
  expect(ipmi).toEqual(
    namesWhere(
      h => h.metadata.labels?.['metal3.backstage.io/bmc-protocol'] === 'ipmi',
    ),
  );

  const worker0 = hosts.find(
    h => h.metadata.name === 'kube-dc-mgmt.metal3.worker-0',
  );
  const ram = worker0.metadata.labels['metal3.backstage.io/ram-gib'];
  expect(ram).toMatch(/^\d+$/);
  expect(
    await filtered(`metadata.labels.metal3.backstage.io/ram-gib=${ram}`),
  ).toEqual(
    namesWhere(h => h.metadata.labels?.['metal3.backstage.io/ram-gib'] === ram),
  );

  const vendor =
    worker0.metadata.annotations['metal3.backstage.io/hardware-vendor'];
  expect(
    await filtered(
      `metadata.annotations.metal3.backstage.io/hardware-vendor=${vendor}`,
    ),
  ).toContain(worker0.metadata.name);

  expect(
    await filtered(
      'relations.dependencyOf=resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
    ),
  ).toEqual(
    namesWhere(h =>
      relation(h, 'dependencyOf').includes(
        'resource:default/kube-dc-mgmt.metal3.kube-dc-workers',
      ),
    ),
  );

  expect(
    await filtered(
      'metadata.annotations.backstage.io/kubernetes-cluster=edge-lab',
    ),
  ).toEqual(
    namesWhere(
      h =>
        h.metadata.annotations['backstage.io/kubernetes-cluster'] ===
        'edge-lab',
    ),
  );
});

it('a host created in the cluster gains an entity with its mapped owner; deleting it removes the entity', async () => {
  const store = lab.clusters[0].store;
  store.create(SECRETS, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'rack9-bmc', namespace: 'metal3' },
    data: {
      username: Buffer.from('admin').toString('base64'),
      password: Buffer.from('lab-bmc-password').toString('base64'),
    },
  });
  store.create(BMH, {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: {
      name: 'rack9',
      namespace: 'metal3',
      labels: { 'metal3.backstage.io/owner': 'team-storage' },
    },
    spec: {
      online: true,
      bootMACAddress: '02:00:00:00:09:01',
      bmc: {
        address: 'redfish+https://192.0.2.9/redfish/v1/Systems/1',
        credentialsName: 'rack9-bmc',
      },
    },
  });
  const entity = await eventually(async () =>
    (
      await resources('baremetal-host')
    ).find(h => h.metadata.name === 'kube-dc-mgmt.metal3.rack9'),
  );
  expect(entity.spec.owner).toBe('group:default/team-storage');
  store.delete(BMH, 'metal3', 'rack9');
  await eventually(
    async () =>
      !(
        await resources('baremetal-host')
      ).some(h => h.metadata.name === 'kube-dc-mgmt.metal3.rack9'),
  );
});

it('keeps every entity through a 60 s API outage of the cluster', async () => {
  const before = (await resources('baremetal-host'))
    .map(h => h.metadata.name)
    .sort();
  lab.clusters[0].faults.unavailableUntil = Date.now() + 60_000;
  lab.clusters[0].server.dropWatches();
  const end = Date.now() + 62_000;
  let fewest = before.length;
  while (Date.now() < end) {
    await new Promise(r => setTimeout(r, 5_000));
    fewest = Math.min(fewest, (await resources('baremetal-host')).length);
  }
  expect(fewest).toBe(before.length);
  expect(
    (await resources('baremetal-host')).map(h => h.metadata.name).sort(),
  ).toEqual(before);
});
