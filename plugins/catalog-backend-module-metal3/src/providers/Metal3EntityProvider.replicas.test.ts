import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { Metal3EntityProvider } from './Metal3EntityProvider';

/**
 * Two replicas of the portal, each with its own watch cache of the cluster,
 * write the same provider's entities into one catalog. Deltas are applied by
 * both, so they must be idempotent: whatever order and lag the replicas see
 * the changes in, and whichever of them runs the (global) full sync, the
 * catalog ends up exactly as one replica alone would leave it.
 */

const host = (name: string, vendor = 'Dell Inc.') => ({
  metadata: {
    name,
    namespace: 'metal3',
    uid: name,
    resourceVersion: String(Math.random()),
  },
  spec: { online: true, bmc: { address: 'ipmi://10.0.0.1' } },
  status: {
    provisioning: { state: 'available' },
    poweredOn: true,
    hardware: { systemVendor: { manufacturer: vendor }, nics: [], storage: [] },
  },
});

/**
 * The catalog's provider semantics (DefaultProviderDatabase): a full mutation
 * replaces what the provider emitted, a delta upserts and removes by entity
 * ref, and an entity identical to the stored one writes nothing.
 */
class CatalogModel {
  readonly entities = new Map<string, string>();
  /** Entity rows actually written (inserted, changed or deleted). */
  rowWrites = 0;
  failNextWrites = 0;

  connection(): EntityProviderConnection {
    return {
      applyMutation: async (mutation: EntityProviderMutation) => {
        await new Promise(r => setImmediate(r));
        if (this.failNextWrites > 0) {
          this.failNextWrites--;
          throw new Error('deadlock detected');
        }
        if (mutation.type === 'full') {
          const next = new Set(
            mutation.entities.map(e => stringifyEntityRef(e.entity)),
          );
          for (const ref of [...this.entities.keys()]) {
            if (!next.has(ref)) this.#delete(ref);
          }
          mutation.entities.forEach(e => this.#upsert(e.entity));
        } else {
          mutation.added.forEach(e => this.#upsert(e.entity));
          mutation.removed.forEach(e =>
            this.#delete(
              'entityRef' in e ? e.entityRef : stringifyEntityRef(e.entity),
            ),
          );
        }
      },
      refresh: async () => {},
    };
  }

  #upsert(entity: Entity) {
    const ref = stringifyEntityRef(entity);
    const json = JSON.stringify(entity);
    if (this.entities.get(ref) === json) return;
    this.entities.set(ref, json);
    this.rowWrites++;
  }

  #delete(ref: string) {
    if (this.entities.delete(ref)) this.rowWrites++;
  }
}

const settle = (ms = 60) => new Promise(r => setTimeout(r, ms));

async function replica(cache: InMemoryClusterService, catalog: CatalogModel) {
  const provider = new Metal3EntityProvider({
    cluster: 'lab',
    clusters: cache,
    logger: mockServices.logger.mock(),
    // The scheduled (global) full sync is called by the test.
    taskRunner: { run: async () => {} },
    defaultOwner: 'group:default/metal3-admins',
    ownerKey: 'metal3.backstage.io/owner',
    fleetUrl: 'http://portal.example/metal3',
    deltaDelayMs: 1,
    retryDelayMs: 20,
  });
  await provider.connect(catalog.connection());
  await settle();
  return provider;
}

/** The catalog one replica alone makes of the cluster as it is now. */
async function catalogOfOneReplica(cache: InMemoryClusterService) {
  const alone = new CatalogModel();
  const provider = await replica(cache, alone);
  provider.close();
  return alone.entities;
}

/** The vendor annotation of a host's entity in the catalog. */
const vendorOf = (catalog: CatalogModel, name: string) => {
  const json = catalog.entities.get(`resource:default/lab.metal3.${name}`);
  if (!json) return undefined;
  const annotations: Record<string, string> =
    JSON.parse(json).metadata.annotations;
  return Object.entries(annotations).find(([key]) =>
    key.endsWith('/hardware-vendor'),
  )?.[1];
};

describe('Metal3EntityProvider on two replicas', () => {
  it('a lagging replica that runs the full sync and applies the deltas late, in another order, leaves the catalog as one replica would', async () => {
    const catalog = new CatalogModel();
    const [cacheA, cacheB] = [
      new InMemoryClusterService(['lab']),
      new InMemoryClusterService(['lab']),
    ];
    for (const cache of [cacheA, cacheB]) {
      ['worker-0', 'worker-1', 'worker-2'].forEach(name =>
        cache.put('lab', 'baremetalhosts', host(name)),
      );
    }
    const a = await replica(cacheA, catalog);
    const b = await replica(cacheB, catalog);

    // Replica A's watch sees the changes at once and sends them.
    cacheA.put('lab', 'baremetalhosts', host('worker-0', 'HPE'));
    cacheA.put('lab', 'baremetalhosts', host('worker-3'));
    cacheA.remove('lab', 'baremetalhosts', 'metal3/worker-2');
    cacheA.put('lab', 'baremetalhosts', host('worker-1', 'Lenovo'));
    cacheA.put('lab', 'baremetalhosts', host('worker-1'));
    await settle();
    expect(vendorOf(catalog, 'worker-0')).toBe('HPE');

    // Replica B has seen none of it and runs the scheduled full sync: the
    // catalog goes back to B's older picture.
    expect(await b.fullSync()).toBe(true);
    expect(vendorOf(catalog, 'worker-0')).toBe('Dell Inc.');
    expect(vendorOf(catalog, 'worker-2')).toBe('Dell Inc.');
    expect(vendorOf(catalog, 'worker-3')).toBeUndefined();

    // B's watch catches up, in another order and with a flap A never saw.
    cacheB.put('lab', 'baremetalhosts', host('worker-1', 'Lenovo'));
    cacheB.remove('lab', 'baremetalhosts', 'metal3/worker-2');
    await settle();
    cacheB.put('lab', 'baremetalhosts', host('worker-3'));
    cacheB.put('lab', 'baremetalhosts', host('worker-1'));
    cacheB.put('lab', 'baremetalhosts', host('worker-0', 'HPE'));
    await settle();

    expect(catalog.entities).toEqual(await catalogOfOneReplica(cacheA));
    expect(vendorOf(catalog, 'worker-0')).toBe('HPE');
    a.close();
    b.close();
  });

  it('the same change applied by both replicas writes the catalog once', async () => {
    const catalog = new CatalogModel();
    const caches = [
      new InMemoryClusterService(['lab']),
      new InMemoryClusterService(['lab']),
    ];
    caches.forEach(c => c.put('lab', 'baremetalhosts', host('worker-0')));
    const replicas = await Promise.all(caches.map(c => replica(c, catalog)));
    const before = catalog.rowWrites;
    caches.forEach(c =>
      c.put('lab', 'baremetalhosts', host('worker-0', 'Supermicro')),
    );
    await settle();
    expect(vendorOf(catalog, 'worker-0')).toBe('Supermicro');
    expect(catalog.rowWrites - before).toBe(1);
    expect(catalog.entities).toEqual(await catalogOfOneReplica(caches[0]));
    replicas.forEach(r => r.close());
  });

  it('a delta the catalog refuses (a deadlock on PostgreSQL) is sent again, not dropped', async () => {
    const catalog = new CatalogModel();
    const cache = new InMemoryClusterService(['lab']);
    cache.put('lab', 'baremetalhosts', host('worker-0'));
    const provider = await replica(cache, catalog);
    catalog.failNextWrites = 2;
    cache.put('lab', 'baremetalhosts', host('worker-0', 'HPE'));
    await settle(200);
    expect(catalog.failNextWrites).toBe(0);
    expect(vendorOf(catalog, 'worker-0')).toBe('HPE');
    expect(catalog.entities).toEqual(await catalogOfOneReplica(cache));
    provider.close();
  });

  it('a change that arrives while a full sync is being written goes out after it', async () => {
    const catalog = new CatalogModel();
    const cache = new InMemoryClusterService(['lab']);
    cache.put('lab', 'baremetalhosts', host('worker-0'));
    const provider = await replica(cache, catalog);
    const syncing = provider.fullSync();
    // The full sync has been built from the cache; now the host changes.
    await new Promise(r => setImmediate(r));
    cache.put('lab', 'baremetalhosts', host('worker-0', 'HPE'));
    await syncing;
    await settle();
    expect(vendorOf(catalog, 'worker-0')).toBe('HPE');
    provider.close();
  });
});
