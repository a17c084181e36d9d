import { Entity } from '@backstage/catalog-model';
import {
  BareMetalHostProjection,
  ClusterCache,
  linkHost,
  MachineDeploymentProjection,
  poolTemplate,
} from '@internal/plugin-metal3-node';
import { clusterToEntity } from '../mappers/clusterToEntity';
import { MapperContext } from '../mappers/common';
import { hostToEntity } from '../mappers/hostToEntity';
import { poolToEntity } from '../mappers/poolToEntity';

/** Cache keys of the entities a provider emits: `host:ns/name`, `pool:ns/name`, `cluster`. */
export type EntityKey = string;

export const hostKey = (h: { namespace?: string; name: string }) =>
  `host:${h.namespace}/${h.name}`;
export const poolKey = (p: { namespace?: string; name: string }) =>
  `pool:${p.namespace}/${p.name}`;
export const CLUSTER_KEY = 'cluster';

type Lookup = Pick<ClusterCache, 'get' | 'list' | 'config'>;

export function buildHostEntity(
  cache: Lookup,
  host: BareMetalHostProjection,
  context: MapperContext,
): Entity {
  return hostToEntity(host, { pool: linkHost(cache, host).pool }, context);
}

export function buildPoolEntity(
  cache: Lookup,
  pool: MachineDeploymentProjection,
  context: MapperContext,
): Entity {
  return poolToEntity(pool, poolTemplate(cache, pool), context);
}

/** Every entity of one cluster, keyed for later delta comparison. */
export function buildClusterEntities(
  cache: Lookup,
  context: MapperContext,
  owner: string,
): Map<EntityKey, Entity> {
  const entities = new Map<EntityKey, Entity>();
  entities.set(
    CLUSTER_KEY,
    clusterToEntity(cache.config, {
      providerName: context.providerName,
      owner,
    }),
  );
  for (const pool of cache.list('machinedeployments')) {
    entities.set(poolKey(pool), buildPoolEntity(cache, pool, context));
  }
  for (const host of cache.list('baremetalhosts')) {
    entities.set(hostKey(host), buildHostEntity(cache, host, context));
  }
  return entities;
}
