import {
  ANNOTATION_METAL3_BMC_HOST,
  ANNOTATION_METAL3_BOOT_MAC,
  ANNOTATION_METAL3_HARDWARE_PREFIX,
  bmcSummary,
  CheckValue,
  LABEL_METAL3_BMC_PROTOCOL,
  metal3EntityName,
  NamespacedRef,
  OwnerResolver,
} from '@metal3-fleet/plugin-metal3-common';
import type { BareMetalHostProjection } from '../../cluster/projections';

/**
 * The stable facts a host's catalog entity carries, as both sides name them:
 * the catalog module's mapper writes them (hostToEntity), this reads them
 * back from an entity and computes them from the cluster, so the drift
 * check compares like with like. Values absent on a side are `null`.
 *
 * @public
 */
export const ENTITY_FACT_KEYS = [
  'owner',
  'pool',
  'bmcProtocol',
  'bmcHost',
  'bootMAC',
  'vendor',
  'model',
  'serial',
] as const;

/** @public */
export type EntityFactKey = (typeof ENTITY_FACT_KEYS)[number];

/** The subset of a catalog entity the facts come from. *
/** The subset of a catalog entity the facts come from. * @public
/** The subset of a catalog entity the facts come from. */
export interface EntityLike {
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: { owner?: unknown; dependencyOf?: unknown };
}

/** The entity ref of a Metal3 object's Resource entity, as the catalog module writes it. *
/** The entity ref of a Metal3 object's Resource entity, as the catalog module writes it. * @public
/** The entity ref of a Metal3 object's Resource entity, as the catalog module writes it. */
export function metal3ResourceEntityRef(
  cluster: string,
  ref: NamespacedRef,
): string {
  return `resource:default/${metal3EntityName(
    cluster,
    ref.namespace,
    ref.name,
  )}`;
}

/** The facts as the entity holds them. *
/** The facts as the entity holds them. * @public
/** The facts as the entity holds them. */
export function entityHostFacts(
  entity: EntityLike,
): Record<EntityFactKey, CheckValue> {
  const annotations = entity.metadata.annotations ?? {};
  const labels = entity.metadata.labels ?? {};
  const dependencyOf = Array.isArray(entity.spec?.dependencyOf)
    ? (entity.spec!.dependencyOf as unknown[]).map(String)
    : [];
  const hw = (key: string) =>
    annotations[`${ANNOTATION_METAL3_HARDWARE_PREFIX}${key}`] ?? null;
  return {
    owner: typeof entity.spec?.owner === 'string' ? entity.spec.owner : null,
    pool: dependencyOf[0]?.toLowerCase() ?? null,
    bmcProtocol: labels[LABEL_METAL3_BMC_PROTOCOL] ?? null,
    bmcHost: annotations[ANNOTATION_METAL3_BMC_HOST] ?? null,
    bootMAC: annotations[ANNOTATION_METAL3_BOOT_MAC] ?? null,
    vendor: hw('vendor'),
    model: hw('model'),
    serial: hw('serial'),
  };
}

/** The same facts computed from the cluster objects. *
/** The same facts computed from the cluster objects. * @public
/** The same facts computed from the cluster objects. */
export function clusterHostFacts(options: {
  cluster: string;
  host: BareMetalHostProjection;
  pool?: NamespacedRef;
  ownerOf: OwnerResolver;
}): Record<EntityFactKey, CheckValue> {
  const { host } = options;
  const bmc = bmcSummary(host.bmcAddress);
  const hw = host.hardware;
  return {
    owner: options.ownerOf(host.labels, host.annotations),
    pool: options.pool
      ? metal3ResourceEntityRef(options.cluster, options.pool).toLowerCase()
      : null,
    // The catalog stores the protocol as a label value (lower case).
    bmcProtocol: bmc.protocol?.toLowerCase() ?? null,
    bmcHost: bmc.host ?? null,
    bootMAC: host.bootMACAddress ?? null,
    vendor: hw?.manufacturer ?? null,
    model: hw?.productName ?? null,
    serial: hw?.serialNumber ?? null,
  };
}
