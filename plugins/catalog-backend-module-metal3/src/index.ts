/**
 * Catalog module of the Metal3 plugin set: clusters, bare-metal hosts and
 * worker pools as catalog entities; a search module that gives their search
 * documents their cluster and status.
 *
 * @packageDocumentation
 */

export { catalogModuleMetal3 as default } from './module';
export { Metal3EntityProvider } from './providers/Metal3EntityProvider';
export type { Metal3EntityProviderOptions } from './providers/Metal3EntityProvider';
export { searchModuleMetal3Status } from './search/searchModuleMetal3Status';
