import { Entity } from '@backstage/catalog-model';
import { METAL3_ENTITY_TYPES } from '@metal3-fleet/plugin-metal3-common';

// For `<EntitySwitch.Case if={...}>` in a legacy app's EntityPage.tsx: the
// same entities the new system's extension filters pick
// (src/alpha/extensions.tsx).

const isResourceOfType = (entity: Entity, type: string) =>
  entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
  entity.spec?.type === type;

/** A bare-metal host entity (`Resource`, `spec.type: baremetal-host`). @public */
export const isMetal3HostEntity = (entity: Entity) =>
  isResourceOfType(entity, METAL3_ENTITY_TYPES.host);

/** A worker-pool entity (`Resource`, `spec.type: worker-pool`). @public */
export const isMetal3PoolEntity = (entity: Entity) =>
  isResourceOfType(entity, METAL3_ENTITY_TYPES.pool);

/** A cluster entity (`Resource`, `spec.type: kubernetes-cluster`). @public */
export const isMetal3ClusterEntity = (entity: Entity) =>
  isResourceOfType(entity, METAL3_ENTITY_TYPES.cluster);
