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

/** Kind of the Kubernetes object an entity stands for (`BareMetalHost`, `MachineDeployment`). @public */
export const ANNOTATION_METAL3_KIND = `${METAL3_ANNOTATION_PREFIX}/kind`;
/** BMC protocol family of a host: `redfish` or `ipmi` (never credentials). @public */
export const ANNOTATION_METAL3_BMC_PROTOCOL = `${METAL3_ANNOTATION_PREFIX}/bmc-protocol`;
/** BMC host name or address (never credentials). @public */
export const ANNOTATION_METAL3_BMC_HOST = `${METAL3_ANNOTATION_PREFIX}/bmc-host`;
/** @public */
export const ANNOTATION_METAL3_BOOT_MAC = `${METAL3_ANNOTATION_PREFIX}/boot-mac`;
/** Catalog entity ref of the pool a host belongs to (while claimed). @public */
export const ANNOTATION_METAL3_POOL = `${METAL3_ANNOTATION_PREFIX}/pool`;
/** Prefix of the hardware summary annotations, e.g. `metal3.backstage.io/hardware-ram-gib`. @public */
export const ANNOTATION_METAL3_HARDWARE_PREFIX = `${METAL3_ANNOTATION_PREFIX}/hardware-`;
/** OS image URL of a pool's machine template. @public */
export const ANNOTATION_METAL3_IMAGE = `${METAL3_ANNOTATION_PREFIX}/image`;
/** Kubernetes version of a pool. @public */
export const ANNOTATION_METAL3_K8S_VERSION = `${METAL3_ANNOTATION_PREFIX}/kubernetes-version`;
/** Host selector of a pool's machine template, kubectl form. @public */
export const ANNOTATION_METAL3_HOST_SELECTOR = `${METAL3_ANNOTATION_PREFIX}/host-selector`;
/**
 * Label or annotation on a BareMetalHost or MachineDeployment naming its
 * owner (a group name or entity ref). The key is configurable.
 *
 * @public
 */
export const DEFAULT_OWNER_KEY = `${METAL3_ANNOTATION_PREFIX}/owner`;
