import { mockServices } from '@backstage/backend-test-utils';
import { Metal3ClusterEntityProvider } from './Metal3ClusterEntityProvider';

describe('Metal3ClusterEntityProvider', () => {
  const cluster = {
    name: 'edge',
    title: 'Edge',
    authProvider: 'inCluster' as const,
  };

  it('names itself after its cluster and emits the cluster entity on connect', async () => {
    const provider = new Metal3ClusterEntityProvider({
      cluster,
      owner: 'group:default/metal3-admins',
      logger: mockServices.logger.mock(),
    });
    const applyMutation = jest.fn();
    await provider.connect({ applyMutation, refresh: jest.fn() });

    expect(provider.getProviderName()).toBe('metal3:edge');
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          locationKey: 'metal3:edge',
          entity: expect.objectContaining({
            kind: 'Resource',
            metadata: expect.objectContaining({ name: 'edge', title: 'Edge' }),
          }),
        },
      ],
    });
  });

  it('refuses to refresh before the catalog connected it', async () => {
    const provider = new Metal3ClusterEntityProvider({
      cluster,
      owner: 'group:default/metal3-admins',
      logger: mockServices.logger.mock(),
    });
    await expect(provider.refresh()).rejects.toThrow('not connected');
  });
});
