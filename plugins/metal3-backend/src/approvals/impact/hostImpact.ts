import {
  ApprovalImpactDto,
  ApprovalKind,
} from '@metal3-fleet/plugin-metal3-common';
import {
  ClusterCache,
  evictablePods,
  linkHost,
  requireClient,
} from '@metal3-fleet/plugin-metal3-node';
import { describePods, impactPods } from './podImpact';

/** An impact is computed while the request waits: never longer than this. */
const READ_TIMEOUT_MS = 10_000;

const VERB: Partial<Record<ApprovalKind, string>> = {
  'power-off': 'stopped without a drain',
  'hard-reboot': 'cut off without a drain',
  'remove-from-pool': 'evicted by Cluster API',
};

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`${what} took longer than ${READ_TIMEOUT_MS / 1000} s`),
          ),
        READ_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * What a power-off, hard reboot or removal of a host does to its workloads:
 * the pods on its node (read live, as a drain would find them). A power-off
 * or hard reboot stops them where they run; a removal makes Cluster API
 * drain the node before it deletes the Machine. An unreadable pod list does
 * not block the request: the approver sees why the list is missing.
 */
export async function hostImpact(
  cache: ClusterCache,
  namespace: string,
  name: string,
  kind: ApprovalKind,
): Promise<ApprovalImpactDto> {
  const host = cache.get('baremetalhosts', `${namespace}/${name}`);
  const { machine, pool } = host ? linkHost(cache, host) : {};
  const node = machine?.nodeName;
  const leaving =
    kind === 'remove-from-pool' && pool && machine
      ? `${name} leaves pool ${pool.name} (Machine ${machine.name} is deleted and the pool shrinks by one)`
      : undefined;
  if (!node) {
    return {
      summary:
        leaving ?? `${name} runs no Kubernetes node: no workload is affected`,
      warnings: [],
    };
  }
  try {
    const pods = impactPods(
      await withTimeout(
        evictablePods(requireClient(cache), node),
        `Reading the pods of node ${node}`,
      ),
    );
    const podLine = describePods(node, pods, VERB[kind] ?? 'affected');
    return {
      summary: leaving ? `${leaving}; ${podLine}` : podLine,
      node,
      ...pods,
      warnings: [],
    };
  } catch (error) {
    return {
      summary: `${
        leaving ? `${leaving}; ` : ''
      }every pod on node ${node} is affected`,
      node,
      warnings: [
        `The pods on node ${node} could not be read: ${messageOf(error)}`,
      ],
    };
  }
}
