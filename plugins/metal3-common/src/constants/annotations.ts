/**
 * Annotation and label keys shared by the catalog module, the backend and the frontend.
 *
 * We use our own prefix: `metal3.io/` belongs to Metal3 itself and must not be
 * reused for portal data.
 *
 * Each fact is on an entity once (docs/configuration.md, "What a host entity carries"): every
 * field is a row in each of the catalog's search indexes, and at 10,000 hosts
 * the catalog's time grows with those rows (docs/benchmarks.md, "Catalog").
 * So the object's cluster and namespace are the standard Kubernetes plugin
 * annotations below, not copies under our prefix.
 *
 * @public
 */
export const METAL3_ANNOTATION_PREFIX = 'metal3.backstage.io';

/** The cluster of the object an entity stands for (the Kubernetes plugin's key). @public */
export const ANNOTATION_KUBERNETES_CLUSTER = 'backstage.io/kubernetes-cluster';
/** The namespace of the object an entity stands for (the Kubernetes plugin's key). @public */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** The name of the object an entity stands for (entity names may be hashed). @public */
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

/** Label: BMC protocol family of a host, `redfish` or `ipmi` (never credentials). @public */
export const LABEL_METAL3_BMC_PROTOCOL = `${METAL3_ANNOTATION_PREFIX}/bmc-protocol`;
/** BMC host name or address (never credentials). @public */
export const ANNOTATION_METAL3_BMC_HOST = `${METAL3_ANNOTATION_PREFIX}/bmc-host`;
/** @public */
export const ANNOTATION_METAL3_BOOT_MAC = `${METAL3_ANNOTATION_PREFIX}/boot-mac`;
/**
 * Prefix of the hardware facts that are free text (vendor, model, serial, CPU
 * model), as annotations: `metal3.backstage.io/hardware-vendor`. The numeric
 * facts are labels: {@link LABEL_METAL3_HARDWARE_PREFIX}. @public
 */
export const ANNOTATION_METAL3_HARDWARE_PREFIX = `${METAL3_ANNOTATION_PREFIX}/hardware-`;
/**
 * Prefix of the numeric hardware facts (CPU cores, RAM GiB, disk count, disk
 * total GB, NIC count), as labels: `metal3.backstage.io/ram-gib: "256"`. @public
 */
export const LABEL_METAL3_HARDWARE_PREFIX = `${METAL3_ANNOTATION_PREFIX}/`;
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
