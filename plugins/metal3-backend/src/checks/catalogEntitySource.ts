import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityFactsSource,
  EntityLike,
  metal3ResourceEntityRef,
} from '@metal3-fleet/plugin-metal3-node';

/** Refs per catalog request: the by-refs endpoint takes a body, kept small. */
const BATCH = 500;

/**
 * The catalog side of the entity drift check: the host entities the metal3
 * catalog module emitted, read with the plugin's own service credentials
 * (the check compares facts; who may see the finding is decided by the
 * host's read permission), only the fields the facts come from.
 */
export function catalogEntitySource(options: {
  catalog: CatalogService;
  auth: AuthService;
}): EntityFactsSource {
  return {
    async entitiesOf(cluster, hosts) {
      const credentials = await options.auth.getOwnServiceCredentials();
      const found = new Map<string, EntityLike>();
      for (let i = 0; i < hosts.length; i += BATCH) {
        const batch = hosts.slice(i, i + BATCH);
        const { items } = await options.catalog.getEntitiesByRefs(
          {
            entityRefs: batch.map(h => metal3ResourceEntityRef(cluster, h)),
            fields: [
              'metadata.annotations',
              'metadata.labels',
              'spec.owner',
              'spec.dependencyOf',
            ],
          },
          { credentials },
        );
        items.forEach((entity, j) => {
          if (entity) {
            found.set(`${batch[j].namespace}/${batch[j].name}`, entity);
          }
        });
      }
      return found;
    },
  };
}
