import { Entity } from '@backstage/catalog-model';
import {
  BareMetalHostProjection,
  ClusterCache,
  linkHost,
  MachineDeploymentProjection,
  poolTemplate,
} from '@metal3-fleet/plugin-metal3-node';
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

/** Lets queued I/O run before the next slice of synchronous work. */
export const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

function* clusterEntities(
  cache: Lookup,
  context: MapperContext,
  owner: string,
): Generator<[EntityKey, Entity]> {
  yield [
    CLUSTER_KEY,
    clusterToEntity(cache.config, {
      providerName: context.providerName,
      owner,
    }),
  ];
  for (const pool of cache.list('machinedeployments')) {
    yield [poolKey(pool), buildPoolEntity(cache, pool, context)];
  }
  for (const host of cache.list('baremetalhosts')) {
    yield [hostKey(host), buildHostEntity(cache, host, context)];
  }
}

/**
 * Every entity of one cluster, keyed for later delta comparison, giving the
 * event loop back every `slice` entities: a cluster of 10,000 hosts must not
 * block the backend for the whole build.
 */
export async function buildClusterEntitiesYielding(
  cache: Lookup,
  context: MapperContext,
  owner: string,
  slice = 250,
): Promise<Map<EntityKey, Entity>> {
  const entities = new Map<EntityKey, Entity>();
  for (const [key, entity] of clusterEntities(cache, context, owner)) {
    entities.set(key, entity);
    if (entities.size % slice === 0) await yieldToEventLoop();
  }
  return entities;
}
