import { ConflictError } from '@backstage/errors';
import type { ClusterCache } from '../cluster/ClusterCache';
import { KubeApiError, KubeClient } from '../cluster/kube';
import { requireClient } from '../cluster/requireClient';
import { withConflictRetry } from './conflictRetry';
import { kubePaths } from './kubePaths';
import { mergePatch } from './patch';
import type { OperationResult } from './types';

/** Progress of a drain, for the operation log. @public */
export type DrainProgress = (message: string) => void;

/**
 * Cordon (true) or uncordon (false) a node through `spec.unschedulable`,
 * decided from a fresh read and written conditionally: of concurrent
 * identical requests one answers changed, the others "already".
 *
 * @public
 */
export async function setCordoned(
  cache: ClusterCache,
  nodeName: string,
  cordoned: boolean,
): Promise<OperationResult> {
  const client = requireClient(cache);
  const path = kubePaths.node(nodeName);
  return withConflictRetry(`Node ${nodeName}`, async () => {
    const node = await client.request('GET', path);
    if (Boolean(node?.spec?.unschedulable) === cordoned) {
      return {
        changed: false,
        message: `Node ${nodeName} is already ${
          cordoned ? 'cordoned' : 'schedulable'
        }`,
      };
    }
    await mergePatch(
      client,
      path,
      { spec: { unschedulable: cordoned ? true : null } },
      { resourceVersion: node.metadata.resourceVersion },
    );
    return {
      changed: true,
      message: `Node ${nodeName} ${cordoned ? 'cordoned' : 'uncordoned'}`,
    };
  });
}

/** The pods a drain would evict: not DaemonSet pods, not mirror pods. @public */
export async function evictablePods(
  client: KubeClient,
  nodeName: string,
): Promise<any[]> {
  const pods =
    (
      await client.request('GET', kubePaths.pods(), {
        query: { fieldSelector: `spec.nodeName=${nodeName}` },
      })
    )?.items ?? [];
  return pods.filter((pod: any) => !isDaemonSetPod(pod) && !isMirrorPod(pod));
}

/**
 * Evicts the pods of a node the way `kubectl drain` does: DaemonSet pods and
 * mirror (static) pods stay, everything else gets an Eviction (which honours
 * PodDisruptionBudgets: a 429 means "not now", retried until the deadline).
 *
 * @public
 */
export async function drainNode(
  cache: ClusterCache,
  nodeName: string,
  progress: DrainProgress,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<OperationResult> {
  const client = requireClient(cache);
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const pollMs = options.pollMs ?? 2000;
  for (;;) {
    const evictable = await evictablePods(client, nodeName);
    if (evictable.length === 0) {
      progress(`Node ${nodeName} is drained`);
      return { changed: true, message: `Node ${nodeName} drained` };
    }
    // Someone ended the maintenance (maintenance-off, kubectl uncordon):
    // evicting on from a schedulable node would only move pods in circles
    // until the timeout, against their later decision.
    const node = await client.request('GET', kubePaths.node(nodeName));
    if (!node?.spec?.unschedulable) {
      throw new ConflictError(
        `Drain of ${nodeName} stopped: the node was uncordoned (maintenance-off or kubectl uncordon) while it drained; ${evictable.length} pod(s) left on it`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Drain of ${nodeName} timed out with ${
          evictable.length
        } pod(s) left: ${evictable
          .slice(0, 5)
          .map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`)
          .join(', ')}`,
      );
    }
    progress(`Evicting ${evictable.length} pod(s) from ${nodeName}`);
    const budgets = new Set<string>();
    for (const pod of evictable) {
      const budget = await evict(client, pod);
      if (budget) budgets.add(budget);
    }
    if (budgets.size > 0) {
      progress(
        `Waiting for disruption budgets, evictions retried every ${
          pollMs / 1000
        } s: ${[...budgets].join('; ')}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}

/**
 * One eviction; the budget's words when a PodDisruptionBudget refuses it
 * for now (429 without a wait: retried next round, as `kubectl drain`
 * does), undefined when the pod is evicted or already gone.
 */
async function evict(client: KubeClient, pod: any): Promise<string | void> {
  const { namespace, name } = pod.metadata;
  try {
    await client.request('POST', kubePaths.podEviction(namespace, name), {
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace },
      },
    });
    return undefined;
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    if (error.statusCode === 404) return undefined;
    if (error.statusCode === 429) {
      return `${namespace}/${name}: ${
        error.causes.find(c => c.message)?.message ?? error.message
      }`;
    }
    throw error;
  }
}

function isDaemonSetPod(pod: any): boolean {
  return (pod.metadata?.ownerReferences ?? []).some(
    (o: any) => o.kind === 'DaemonSet',
  );
}

function isMirrorPod(pod: any): boolean {
  return 'kubernetes.io/config.mirror' in (pod.metadata?.annotations ?? {});
}
