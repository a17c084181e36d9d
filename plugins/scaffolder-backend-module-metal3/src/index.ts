/**
 * Scaffolder actions of the Metal3 plugin set.
 *
 * @packageDocumentation
 */

export { scaffolderModuleMetal3 as default } from './module';
export { createRenderManifestsAction } from './actions/renderManifests';
