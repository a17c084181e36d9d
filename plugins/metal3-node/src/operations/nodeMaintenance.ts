import type { ClusterCache } from '../cluster/ClusterCache';
import { KubeApiError, KubeClient } from '../cluster/kube';
import { FIELD_MANAGER, OperationResult } from './hostOperations';

/** Progress of a drain, for the operation log. */
export type DrainProgress = (message: string) => void;

const MERGE_PATCH = 'application/merge-patch+json';

/** Cordon (true) or uncordon (false) a node through `spec.unschedulable`. */
export async function setCordoned(
  cache: ClusterCache,
  nodeName: string,
  cordoned: boolean,
): Promise<OperationResult> {
  const node = cache.get('nodes', nodeName);
  if (node && node.unschedulable === cordoned) {
    return {
      changed: false,
      message: `Node ${nodeName} is already ${
        cordoned ? 'cordoned' : 'schedulable'
      }`,
    };
  }
  await cache.client!.request('PATCH', `/api/v1/nodes/${nodeName}`, {
    body: { spec: { unschedulable: cordoned ? true : null } },
    contentType: MERGE_PATCH,
    query: { fieldManager: FIELD_MANAGER },
  });
  return {
    changed: true,
    message: `Node ${nodeName} ${cordoned ? 'cordoned' : 'uncordoned'}`,
  };
}

/** The pods a drain would evict: not DaemonSet pods, not mirror pods. */
export async function evictablePods(
  client: KubeClient,
  nodeName: string,
): Promise<any[]> {
  const pods =
    (
      await client.request('GET', '/api/v1/pods', {
        query: { fieldSelector: `spec.nodeName=${nodeName}` },
      })
    )?.items ?? [];
  return pods.filter((pod: any) => !isDaemonSetPod(pod) && !isMirrorPod(pod));
}

/**
 * Evicts the pods of a node the way `kubectl drain` does: DaemonSet pods and
 * mirror (static) pods stay, everything else gets an Eviction (which honours
 * PodDisruptionBudgets: a 429 means "not now", retried until the deadline).
 */
export async function drainNode(
  cache: ClusterCache,
  nodeName: string,
  progress: DrainProgress,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<OperationResult> {
  const client = cache.client!;
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const pollMs = options.pollMs ?? 2000;
  for (;;) {
    const evictable = await evictablePods(client, nodeName);
    if (evictable.length === 0) {
      progress(`Node ${nodeName} is drained`);
      return { changed: true, message: `Node ${nodeName} drained` };
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
    for (const pod of evictable) {
      const { namespace, name } = pod.metadata;
      try {
        await client.request(
          'POST',
          `/api/v1/namespaces/${namespace}/pods/${name}/eviction`,
          {
            body: {
              apiVersion: 'policy/v1',
              kind: 'Eviction',
              metadata: { name, namespace },
            },
          },
        );
      } catch (error) {
        // 404: already gone; 429: a disruption budget says wait.
        if (
          !(error instanceof KubeApiError) ||
          ![404, 429].includes(error.statusCode)
        )
          throw error;
      }
    }
    await new Promise(resolve => setTimeout(resolve, pollMs));
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
