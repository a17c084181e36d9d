import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  DeferredEntity,
} from '@backstage/plugin-catalog-node';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultMetal3ClusterService } from '@internal/plugin-metal3-node';
import { Metal3EntityProvider } from '../src/providers/Metal3EntityProvider';

/**
 * The entity provider of the lab's management cluster over a real, synced
 * cluster service, configured as the portal's is. Benchmarks connect it to a
 * connection of their own and call fullSync.
 */
export async function labEntityProvider(kubeconfigFile: string) {
  const logger = mockServices.logger.mock();
  const clusters = new DefaultMetal3ClusterService(
    [
      {
        name: 'kube-dc-mgmt',
        title: 'kube-dc-mgmt',
        authProvider: 'kubeconfig',
        kubeconfigFile,
        context: 'kube-dc-mgmt',
      },
    ],
    logger,
  );
  await clusters.getCluster('kube-dc-mgmt').whenSynced();
  return new Metal3EntityProvider({
    cluster: 'kube-dc-mgmt',
    clusters,
    logger,
    taskRunner: { run: async () => {} } as any,
    defaultOwner: 'group:default/metal3-admins',
    ownerKey: 'metal3.backstage.io/owner',
    appBaseUrl: 'http://localhost:3000',
  });
}

/** A catalog module whose provider applies these entities once, as a full mutation. */
export function staticEntitiesModule(name: string, entities: DeferredEntity[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: name,
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => name,
            connect: async connection =>
              connection.applyMutation({ type: 'full', entities }),
          });
        },
      });
    },
  });
}
