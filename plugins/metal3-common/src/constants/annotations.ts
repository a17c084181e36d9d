/**
 * Annotation and label keys shared by the catalog module, the backend and the frontend.
 *
 * We use our own prefix: `metal3.io/` belongs to Metal3 itself and must not be
 * reused for portal data.
 *
 * @public
 */
export const METAL3_ANNOTATION_PREFIX = 'metal3.backstage.io';

/** @public */
export const ANNOTATION_METAL3_CLUSTER = `${METAL3_ANNOTATION_PREFIX}/cluster`;
/** @public */
export const ANNOTATION_METAL3_NAMESPACE = `${METAL3_ANNOTATION_PREFIX}/namespace`;
/** @public */
export const ANNOTATION_METAL3_NAME = `${METAL3_ANNOTATION_PREFIX}/name`;

/**
 * Catalog `spec.type` values of the entities this plugin set produces.
 *
 * @public
 */
export const METAL3_ENTITY_TYPES = {
  host: 'baremetal-host',
  pool: 'worker-pool',
  cluster: 'kubernetes-cluster',
} as const;

/** The plugin id of the backend plugin; its routes mount at `/api/metal3`. @public */
export const METAL3_PLUGIN_ID = 'metal3';
