import { ConflictError } from '@backstage/errors';
import type { KubeClient } from '../cluster/kube';
import { ConflictRetryOptions, withConflictRetry } from './conflictRetry';
import { isLostAnswer } from './kubeErrors';
import { CapiVersion, kubePaths } from './kubePaths';
import { mergePatch } from './patch';

/** Set by the topology controller on MachineDeployments of a ClusterClass cluster. */
export const TOPOLOGY_DEPLOYMENT_LABEL =
  'topology.cluster.x-k8s.io/deployment-name';

/**
 * Keys of the replica changes already written to an object (Machine uids of
 * removals, request ids of relative scales), in the same conditional write
 * as the replicas: a repeat after a lost answer finds its key and does not
 * change the replicas a second time.
 */
export const REPLICA_CHANGES_ANNOTATION = 'metal3.backstage.io/replica-changes';

/** How many keys the annotation keeps (the newest): enough for any retry window. */
export const REPLICA_CHANGES_KEPT = 20;

/** Absolute ("scale to 3") or relative ("one more", "one less"). */
export type ReplicaRequest = { to: number } | { by: number };

export interface ReplicaChange {
  from: number;
  to: number;
  /** `topology` when written through Cluster.spec.topology (ClusterClass). */
  via: 'machineDeployment' | 'topology';
  /** False when nothing was written (already at the target, or already recorded). */
  changed: boolean;
  /** The change under this key had already been written by an earlier attempt. */
  alreadyRecorded?: boolean;
}

export interface ChangeReplicasOptions {
  client: KubeClient;
  capiVersion: CapiVersion;
  namespace: string;
  /** The MachineDeployment's name. */
  pool: string;
  request: ReplicaRequest;
  dryRun?: boolean;
  /** Refuses the change (throw) given the fresh values; runs again on every retry. */
  check?: (from: number, to: number) => void;
  /** Makes the change idempotent: written with it, skipped when already recorded. */
  key?: string;
  retry?: ConflictRetryOptions;
}

/** Where a pool's replica count lives right now, as read. */
interface ReplicaHolder {
  via: ReplicaChange['via'];
  path: string;
  kind: string;
  name: string;
  resourceVersion: string;
  replicas: number;
  keys: string[];
  /** The merge patch that sets the replicas (without metadata). */
  patch(to: number): Record<string, unknown>;
}

function recordedKeys(object: any): string[] {
  const value: string =
    object?.metadata?.annotations?.[REPLICA_CHANGES_ANNOTATION] ?? '';
  return value.split(',').filter(Boolean);
}

/**
 * The object whose replicas to write. A MachineDeployment the topology
 * controller owns (ClusterClass) would be reverted at its next reconcile:
 * its replicas live in `Cluster.spec.topology.workers.machineDeployments[]`.
 */
async function readHolder(
  client: KubeClient,
  v: CapiVersion,
  namespace: string,
  pool: string,
): Promise<ReplicaHolder> {
  const mdPath = kubePaths.machineDeployment(v, namespace, pool);
  const md = await client.request('GET', mdPath);
  const topologyName = md?.metadata?.labels?.[TOPOLOGY_DEPLOYMENT_LABEL];
  if (!topologyName) {
    return {
      via: 'machineDeployment',
      path: mdPath,
      kind: 'MachineDeployment',
      name: pool,
      resourceVersion: md.metadata.resourceVersion,
      replicas: md?.spec?.replicas ?? 1,
      keys: recordedKeys(md),
      patch: to => ({ spec: { replicas: to } }),
    };
  }
  const clusterName: string = md.spec.clusterName;
  const path = kubePaths.cluster(v, namespace, clusterName);
  const cluster = await client.request('GET', path);
  const entries: any[] =
    cluster?.spec?.topology?.workers?.machineDeployments ?? [];
  const index = entries.findIndex(e => e?.name === topologyName);
  if (index < 0) {
    throw new ConflictError(
      `Cluster ${namespace}/${clusterName} has no topology worker ${topologyName} for MachineDeployment ${pool}`,
    );
  }
  const replicas = entries[index].replicas;
  if (typeof replicas !== 'number') {
    throw new ConflictError(
      `Cluster ${namespace}/${clusterName} sets no replicas for topology worker ${topologyName} (an autoscaler may own them): scale it there`,
    );
  }
  return {
    via: 'topology',
    path,
    kind: 'Cluster',
    name: clusterName,
    resourceVersion: cluster.metadata.resourceVersion,
    replicas,
    keys: recordedKeys(cluster),
    // A merge patch replaces lists whole: the list as read with one entry
    // changed, safe because the write is conditional on the version read.
    patch: to => ({
      spec: {
        topology: {
          workers: {
            machineDeployments: entries.map((e, i) =>
              i === index ? { ...e, replicas: to } : e,
            ),
          },
        },
      },
    }),
  };
}

function target(from: number, request: ReplicaRequest): number {
  return 'to' in request ? request.to : from + request.by;
}

/**
 * Changes a pool's replicas exactly once: read fresh, compute the target
 * from what was read, write it conditionally on the resourceVersion read;
 * a 409 re-reads, re-checks and retries (bounded). N concurrent "+1" thus
 * add exactly N (or some answer a ConflictError naming the pool), N
 * concurrent "scale to X" leave X. With a `key`, the change is recorded in
 * the same write, and a repeat (after a lost answer) finds it and skips.
 */
export async function changeReplicas(
  options: ChangeReplicasOptions,
): Promise<ReplicaChange> {
  const { client, capiVersion: v, namespace, pool, request, key } = options;
  return withConflictRetry(
    `The replicas of pool ${namespace}/${pool}`,
    async () => {
      const holder = await readHolder(client, v, namespace, pool);
      const from = holder.replicas;
      if (key && holder.keys.includes(key)) {
        return {
          from,
          to: from,
          via: holder.via,
          changed: false,
          alreadyRecorded: true,
        };
      }
      const to = target(from, request);
      if (to < 0) {
        throw new ConflictError(
          `Pool ${namespace}/${pool} has ${from} replicas; it cannot shrink by ${
            -to + from
          }`,
        );
      }
      options.check?.(from, to);
      if (to === from && !key) {
        return { from, to, via: holder.via, changed: false };
      }
      const keys = key
        ? [...holder.keys, key].slice(-REPLICA_CHANGES_KEPT)
        : undefined;
      try {
        await mergePatch(
          client,
          holder.path,
          {
            ...holder.patch(to),
            ...(keys && {
              metadata: {
                annotations: { [REPLICA_CHANGES_ANNOTATION]: keys.join(',') },
              },
            }),
          },
          { resourceVersion: holder.resourceVersion, dryRun: options.dryRun },
        );
      } catch (error) {
        // No answer: the write may have landed. With a key the record tells;
        // otherwise an absolute target that is in place is as good as done.
        if (!isLostAnswer(error) || options.dryRun) throw error;
        const now = await readHolder(client, v, namespace, pool);
        const landed = key
          ? now.keys.includes(key)
          : 'to' in request && now.replicas === to;
        if (!landed) throw error;
      }
      return { from, to, via: holder.via, changed: true };
    },
    options.retry,
  );
}
