import { ImpactPodDto } from '@metal3-fleet/plugin-metal3-common';

/** Pods listed in an approval; the count covers all of them. */
export const LISTED_PODS = 50;

/**
 * The pods a drain of a node evicts (`evictablePods` of the write layer:
 * not DaemonSet or mirror pods) as an approver reads them: namespace, name
 * and controller, at most {@link LISTED_PODS}, sorted.
 */
export function impactPods(pods: any[]): {
  pods: ImpactPodDto[];
  podCount: number;
} {
  const listed = pods
    .map((pod): ImpactPodDto => {
      const owner =
        (pod.metadata?.ownerReferences ?? []).find((o: any) => o.controller) ??
        pod.metadata?.ownerReferences?.[0];
      return {
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        ...(owner && { owner: `${owner.kind}/${owner.name}` }),
      };
    })
    .sort((a, b) =>
      `${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1,
    );
  return { pods: listed.slice(0, LISTED_PODS), podCount: pods.length };
}

/** "3 pods evicted from node w-3: app/web-0, …" */
export function describePods(
  node: string,
  impact: { pods: ImpactPodDto[]; podCount: number },
  verb: string,
): string {
  if (impact.podCount === 0) return `No pod to evict from node ${node}`;
  const names = impact.pods
    .slice(0, 3)
    .map(p => `${p.namespace}/${p.name}`)
    .join(', ');
  const more = impact.podCount > 3 ? `, and ${impact.podCount - 3} more` : '';
  return `${impact.podCount} pod${
    impact.podCount === 1 ? '' : 's'
  } ${verb} from node ${node}: ${names}${more}`;
}
