/**
 * Catalog module of the Metal3 plugin set: clusters, bare-metal hosts and
 * worker pools as catalog entities.
 *
 * @packageDocumentation
 */

export { catalogModuleMetal3 as default } from './module';
export { Metal3ClusterEntityProvider } from './providers/Metal3ClusterEntityProvider';
