import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogCollatorExtensionPoint,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  Metal3ClusterService,
  metal3ClusterServiceRef,
} from '@metal3-fleet/plugin-metal3-node';
import { LiveObjects, metal3SearchFields } from './metal3SearchFields';

/**
 * Search module: the catalog's search documents of hosts and worker pools
 * carry their cluster and live status (Metal3SearchFields), read from the
 * backend's shared cluster cache when the index is built, so a search result
 * can show them without one request per result. Every other document is
 * Backstage's default one.
 *
 * @public
 */
export const searchModuleMetal3Status = createBackendModule({
  pluginId: 'search',
  moduleId: 'metal3-status',
  register(env) {
    env.registerInit({
      deps: {
        collator: catalogCollatorExtensionPoint,
        clusters: metal3ClusterServiceRef,
      },
      async init({ collator, clusters }) {
        const live = liveObjects(clusters);
        collator.setEntityTransformer(entity => ({
          ...defaultCatalogCollatorEntityTransformer(entity),
          ...metal3SearchFields(entity, live, new Date()),
        }));
      },
    });
  },
});

function liveObjects(clusters: Metal3ClusterService): LiveObjects {
  const cache = (cluster: string) =>
    clusters.listClusters().some(c => c.name === cluster)
      ? clusters.getCluster(cluster)
      : undefined;
  return {
    host: (cluster, namespace, name) =>
      cache(cluster)?.get('baremetalhosts', `${namespace}/${name}`),
    pool: (cluster, namespace, name) =>
      cache(cluster)?.get('machinedeployments', `${namespace}/${name}`),
  };
}
