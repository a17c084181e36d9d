import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryClusterService } from '@metal3-fleet/plugin-metal3-node/testUtils';
import { Metal3EntityProvider } from './Metal3EntityProvider';

const host = (
  name: string,
  extra: { state?: string; power?: boolean; vendor?: string } = {},
) => ({
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

async function connected(fake: InMemoryClusterService) {
  const provider = new Metal3EntityProvider({
    cluster: 'lab',
    clusters: fake,
    logger: mockServices.logger.mock(),
    taskRunner: { run: async () => {} },
    defaultOwner: 'group:default/metal3-admins',
    ownerKey: 'metal3.backstage.io/owner',
    fleetUrl: 'http://portal.example/metal3',
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
    const fake = new InMemoryClusterService(['lab']);
    fake.put('lab', 'baremetalhosts', host('worker-0'));
    const { provider, applyMutation } = await connected(fake);
    expect(provider.getProviderName()).toBe('metal3:lab');
    expect(applyMutation).toHaveBeenCalledTimes(1);
    const [mutation] = applyMutation.mock.calls[0];
    expect(mutation.type).toBe('full');
    expect(names(mutation.entities)).toEqual(['lab', 'lab.metal3.worker-0']);
    provider.close();
  });

  it('sends a delta for a new host and for a deleted host', async () => {
    const fake = new InMemoryClusterService(['lab']);
    const { provider, applyMutation } = await connected(fake);
    fake.put('lab', 'baremetalhosts', host('worker-1'));
    await settle();
    expect(applyMutation).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'delta', removed: [] }),
    );
    expect(names(applyMutation.mock.lastCall[0].added)).toEqual([
      'lab.metal3.worker-1',
    ]);

    fake.remove('lab', 'baremetalhosts', 'metal3/worker-1');
    await settle();
    const last = applyMutation.mock.lastCall[0];
    expect(last.added).toEqual([]);
    expect(names(last.removed)).toEqual(['lab.metal3.worker-1']);
    provider.close();
  });

  it('writes nothing when only power or provisioning state changes', async () => {
    const fake = new InMemoryClusterService(['lab']);
    fake.put('lab', 'baremetalhosts', host('worker-2'));
    const { provider, applyMutation } = await connected(fake);
    const calls = applyMutation.mock.calls.length;
    fake.put(
      'lab',
      'baremetalhosts',
      host('worker-2', { state: 'provisioning', power: false }),
    );
    fake.put(
      'lab',
      'baremetalhosts',
      host('worker-2', { state: 'provisioned', power: true }),
    );
    await settle();
    expect(applyMutation).toHaveBeenCalledTimes(calls);

    // A stable fact (the vendor found by re-inspection) does write.
    fake.put('lab', 'baremetalhosts', host('worker-2', { vendor: 'HPE' }));
    await settle();
    expect(applyMutation).toHaveBeenCalledTimes(calls + 1);
    provider.close();
  });

  it('keeps the catalog as it is while the cluster is unreadable', async () => {
    const fake = new InMemoryClusterService(['lab']);
    fake.put('lab', 'baremetalhosts', host('worker-3'));
    const { provider, applyMutation } = await connected(fake);
    fake.setHealth('lab', {
      synced: true,
      staleSince: new Date().toISOString(),
      lastError: 'ECONNREFUSED',
    });
    await expect(provider.fullSync()).resolves.toBe(false);
    expect(applyMutation).toHaveBeenCalledTimes(1);
    provider.close();
  });

  it('applies nothing once closed (backend shutdown)', async () => {
    const fake = new InMemoryClusterService(['lab']);
    fake.put('lab', 'baremetalhosts', host('worker-4'));
    const { provider, applyMutation } = await connected(fake);
    provider.close();
    await expect(provider.fullSync()).resolves.toBe(false);
    fake.put('lab', 'baremetalhosts', host('worker-5'));
    await settle();
    expect(applyMutation).toHaveBeenCalledTimes(1);
  });

  it('waits for a readable cluster before its first full mutation', async () => {
    const fake = new InMemoryClusterService(['lab']);
    fake.setHealth('lab', { synced: false });
    const { provider, applyMutation } = await connected(fake);
    expect(applyMutation).not.toHaveBeenCalled();
    fake.setHealth('lab', { synced: true });
    await settle();
    expect(applyMutation).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'full' }),
    );
    provider.close();
  });
});
