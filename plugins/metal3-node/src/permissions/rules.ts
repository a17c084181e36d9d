import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { metal3HostResourceRef, metal3PoolResourceRef } from './resources';

// Entity refs compare case-insensitively, as the catalog compares them.
const sameRef = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const ownersSchema = z.object({
  owners: z
    .array(z.string())
    .describe(
      "Owner entity refs, e.g. the user's ownershipEntityRefs: group:default/team-a",
    ),
});
const clustersSchema = z.object({
  clusters: z.array(z.string()).describe('Names from metal3.clusters'),
});

const hostIsOwnedBy = createPermissionRule({
  name: 'IS_OWNED_BY',
  description: 'Allow hosts owned by one of the given entity refs',
  resourceRef: metal3HostResourceRef,
  paramsSchema: ownersSchema,
  apply: (host, { owners }) => owners.some(o => sameRef(o, host.owner)),
  toQuery: ({ owners }) => ({ property: 'owner', values: owners }),
});

const hostIsInCluster = createPermissionRule({
  name: 'IS_IN_CLUSTER',
  description: 'Allow hosts of the given clusters',
  resourceRef: metal3HostResourceRef,
  paramsSchema: clustersSchema,
  apply: (host, { clusters }) => clusters.includes(host.cluster),
  toQuery: ({ clusters }) => ({ property: 'cluster', values: clusters }),
});

const hostHasLabel = createPermissionRule({
  name: 'HAS_LABEL',
  description:
    'Allow hosts carrying a BareMetalHost label, optionally with a given value',
  resourceRef: metal3HostResourceRef,
  paramsSchema: z.object({
    key: z.string().describe('Label key'),
    value: z.string().optional().describe('Label value; any when absent'),
  }),
  apply: (host, { key, value }) =>
    key in host.labels && (value === undefined || host.labels[key] === value),
  toQuery: ({ key, value }) => ({ property: 'label', key, value }),
});

const poolIsOwnedBy = createPermissionRule({
  name: 'IS_OWNED_BY',
  description: 'Allow worker pools owned by one of the given entity refs',
  resourceRef: metal3PoolResourceRef,
  paramsSchema: ownersSchema,
  apply: (pool, { owners }) => owners.some(o => sameRef(o, pool.owner)),
  toQuery: ({ owners }) => ({ property: 'owner', values: owners }),
});

const poolIsInCluster = createPermissionRule({
  name: 'IS_IN_CLUSTER',
  description: 'Allow worker pools of the given clusters',
  resourceRef: metal3PoolResourceRef,
  paramsSchema: clustersSchema,
  apply: (pool, { clusters }) => clusters.includes(pool.cluster),
  toQuery: ({ clusters }) => ({ property: 'cluster', values: clusters }),
});

/** Conditional rules of host permissions. @public */
export const metal3HostRules = {
  isOwnedBy: hostIsOwnedBy,
  isInCluster: hostIsInCluster,
  hasLabel: hostHasLabel,
};

/** Conditional rules of pool permissions. @public */
export const metal3PoolRules = {
  isOwnedBy: poolIsOwnedBy,
  isInCluster: poolIsInCluster,
};
