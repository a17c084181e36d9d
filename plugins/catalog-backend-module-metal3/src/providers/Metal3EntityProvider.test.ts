import { mockServices } from '@backstage/backend-test-utils';
import {
  ClusterChange,
  ClusterHealth,
  Metal3ClusterService,
  projectBareMetalHost,
} from '@internal/plugin-metal3-node';
import { Metal3EntityProvider } from './Metal3EntityProvider';

/**
 * A stand-in for the cluster service (our own interface): a map of projected
 * objects per resource, a controllable health and a change stream.
 */
class FakeClusters {
  readonly objects = new Map<string, Map<string, any>>();
  health: Partial<ClusterHealth> = { synced: true };
  readonly listeners = new Set<(c: ClusterChange) => void>();
  readonly config = {
    name: 'lab',
    title: 'Lab',
    authProvider: 'inCluster' as const,
  };

  put(resource: ClusterChange['resource'], object: any) {
    const map = this.objects.get(resource) ?? new Map();
    this.objects.set(resource, map);
    const key = `${object.namespace}/${object.name}`;
    const previous = map.get(key);
    map.set(key, object);
    this.emit({
      cluster: 'lab',
      resource,
      type: previous ? 'modified' : 'added',
      key,
      object,
      previous,
    });
  }

  remove(resource: ClusterChange['resource'], key: string) {
    const object = this.objects.get(resource)?.get(key);
    this.objects.get(resource)?.delete(key);
    this.emit({ cluster: 'lab', resource, type: 'deleted', key, object });
  }

  emit(change: ClusterChange) {
    this.listeners.forEach(l => l(change));
  }

  service(): Metal3ClusterService {
    const cache = {
      config: this.config,
      get: (resource: string, key: string) =>
        this.objects.get(resource)?.get(key),
      list: (resource: string) => [
        ...(this.objects.get(resource)?.values() ?? []),
      ],
      health: () => ({
        name: 'lab',
        title: 'Lab',
        connected: true,
        unavailable: [],
        ...this.health,
      }),
      whenSynced: async () => {},
    };
    return {
      listClusters: () => [this.config],
      getCluster: () => cache as any,
      health: () => [cache.health() as ClusterHealth],
      subscribe: listener => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      whenSynced: async () => {},
      stop: () => {},
    };
  }
}

const host = (
  name: string,
  extra: { state?: string; power?: boolean; vendor?: string } = {},
) =>
  projectBareMetalHost({
    metadata: {
      name,
      namespace: 'metal3',
      uid: name,
      resourceVersion: String(Math.random()),
    },
    spec: { online: true, bmc: { address: 'ipmi://10.0.0.1' } },
    status: {
      provisioning: { state: extra.state ?? 'available' },
      poweredOn: extra.power ?? true,
      hardware: {
        systemVendor: { manufacturer: extra.vendor ?? 'Dell Inc.' },
        nics: [],
        storage: [],
      },
    },
  });

async function connected(fake: FakeClusters) {
  const provider = new Metal3EntityProvider({
    cluster: 'lab',
    clusters: fake.service(),
    logger: mockServices.logger.mock(),
    taskRunner: { run: async () => {} },
    defaultOwner: 'group:default/metal3-admins',
    ownerKey: 'metal3.backstage.io/owner',
    deltaDelayMs: 1,
    retryDelayMs: 5,
  });
  const applyMutation = jest.fn();
  await provider.connect({ applyMutation, refresh: jest.fn() });
  await new Promise(r => setTimeout(r, 20));
  return { provider, applyMutation };
}

const settle = () => new Promise(r => setTimeout(r, 30));
const names = (entities: { entity: any }[]) =>
  entities.map(e => e.entity.metadata.name).sort();

describe('Metal3EntityProvider', () => {
  it('applies a full mutation of cluster, pools and hosts once the cache is synced', async () => {
    const fake = new FakeClusters();
    fake.put('baremetalhosts', host('worker-0'));
    const { provider, applyMutation } = await connected(fake);
    expect(provider.getProviderName()).toBe('metal3:lab');
    expect(applyMutation).toHaveBeenCalledTimes(1);
    const [mutation] = applyMutation.mock.calls[0];
    expect(mutation.type).toBe('full');
    expect(names(mutation.entities)).toEqual(['lab', 'lab.metal3.worker-0']);
    provider.close();
  });

  it('sends a delta for a new host and for a deleted host', async () => {
    const fake = new FakeClusters();
    const { provider, applyMutation } = await connected(fake);
    fake.put('baremetalhosts', host('worker-1'));
    await settle();
    expect(applyMutation).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'delta', removed: [] }),
    );
    expect(names(applyMutation.mock.lastCall[0].added)).toEqual([
      'lab.metal3.worker-1',
    ]);

    fake.remove('baremetalhosts', 'metal3/worker-1');
    await settle();
    const last = applyMutation.mock.lastCall[0];
    expect(last.added).toEqual([]);
    expect(names(last.removed)).toEqual(['lab.metal3.worker-1']);
    provider.close();
  });

  it('writes nothing when only power or provisioning state changes', async () => {
    const fake = new FakeClusters();
    fake.put('baremetalhosts', host('worker-2'));
    const { provider, applyMutation } = await connected(fake);
    const calls = applyMutation.mock.calls.length;
    fake.put(
      'baremetalhosts',
      host('worker-2', { state: 'provisioning', power: false }),
    );
    fake.put(
      'baremetalhosts',
      host('worker-2', { state: 'provisioned', power: true }),
    );
    await settle();
    expect(applyMutation).toHaveBeenCalledTimes(calls);

    // A stable fact (the vendor found by re-inspection) does write.
    fake.put('baremetalhosts', host('worker-2', { vendor: 'HPE' }));
    await settle();
    expect(applyMutation).toHaveBeenCalledTimes(calls + 1);
    provider.close();
  });

  it('keeps the catalog as it is while the cluster is unreadable', async () => {
    const fake = new FakeClusters();
    fake.put('baremetalhosts', host('worker-3'));
    const { provider, applyMutation } = await connected(fake);
    fake.health = {
      synced: true,
      staleSince: new Date().toISOString(),
      lastError: 'ECONNREFUSED',
    };
    await expect(provider.fullSync()).resolves.toBe(false);
    expect(applyMutation).toHaveBeenCalledTimes(1);
    provider.close();
  });

  it('waits for a readable cluster before its first full mutation', async () => {
    const fake = new FakeClusters();
    fake.health = { synced: false };
    const { provider, applyMutation } = await connected(fake);
    expect(applyMutation).not.toHaveBeenCalled();
    fake.health = { synced: true };
    await settle();
    expect(applyMutation).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'full' }),
    );
    provider.close();
  });
});
