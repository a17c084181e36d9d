/**
 * Catalog module of the Metal3 plugin set: clusters, bare-metal hosts and
 * worker pools as catalog entities.
 *
 * @packageDocumentation
 */

export { catalogModuleMetal3 as default } from './module';
export { Metal3EntityProvider } from './providers/Metal3EntityProvider';
export type { Metal3EntityProviderOptions } from './providers/Metal3EntityProvider';
