import { LabApiError } from '../errors';
import { KubeObject } from '../types';

/*
 * The eviction subresource's PodDisruptionBudget check, as kube-apiserver
 * does it (pkg/registry/core/pod/storage/eviction.go), with the disruption
 * controller's arithmetic done on the spot: the lab runs no controller that
 * keeps a budget's status, so the budget's current and desired healthy counts
 * are computed from the pods it selects when an eviction asks.
 */

type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

/**
 * policy/v1 selection: an empty selector selects every pod of the
 * namespace, an absent one none; requirements as metav1.LabelSelector
 * (In, NotIn, Exists, DoesNotExist).
 */
export function budgetSelects(
  selector: LabelSelector | undefined | null,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every(
    ({ key, operator, values }) => {
      const has = key in labels;
      switch (operator) {
        case 'In':
          return has && (values ?? []).includes(labels[key]);
        case 'NotIn':
          return !has || !(values ?? []).includes(labels[key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    },
  );
}

/** A pod the lab stores runs (no kubelet sets a phase) until it says otherwise. */
function phaseOf(pod: KubeObject): string {
  return pod.status?.phase ?? 'Running';
}

/** Evicting these never disrupts: kube-apiserver deletes them whatever the budgets say. */
function ignoresBudgets(pod: KubeObject): boolean {
  return (
    Boolean(pod.metadata.deletionTimestamp) ||
    ['Succeeded', 'Failed', 'Pending'].includes(phaseOf(pod))
  );
}

function isHealthy(pod: KubeObject): boolean {
  const ready = (pod.status?.conditions ?? []).find(
    (c: { type: string }) => c.type === 'Ready',
  );
  return (
    !pod.metadata.deletionTimestamp &&
    phaseOf(pod) === 'Running' &&
    ready?.status !== 'False'
  );
}

/** An int-or-percent of `total`, rounded up as the disruption controller does. */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const percent = Number(String(value).replace(/%$/, ''));
  return Math.ceil((percent * total) / 100);
}

/** How many of the budget's pods must stay healthy. */
function desiredHealthy(budget: KubeObject, expected: number): number {
  const { minAvailable, maxUnavailable } = budget.spec ?? {};
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    return Math.max(0, expected - scaled(maxUnavailable, expected));
  }
  // Neither set: policy/v1beta1's default, minAvailable 1.
  return scaled(minAvailable ?? 1, expected);
}

/**
 * Undefined when `pod` may be evicted; otherwise the error kube-apiserver
 * answers: 429 TooManyRequests with the budget named in its cause and no
 * Retry-After (a client retries it on its own schedule, as `kubectl drain`
 * does every 5 s), or 500 when more than one budget selects the pod.
 */
export function evictionRefusal(
  pod: KubeObject,
  budgets: KubeObject[],
  podsOfNamespace: KubeObject[],
): LabApiError | undefined {
  if (ignoresBudgets(pod)) return undefined;
  const labels = pod.metadata.labels ?? {};
  const mine = budgets.filter(b => budgetSelects(b.spec?.selector, labels));
  if (mine.length === 0) return undefined;
  if (mine.length > 1) {
    return new LabApiError(
      500,
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  }
  const [budget] = mine;
  const selected = podsOfNamespace.filter(
    p =>
      budgetSelects(budget.spec?.selector, p.metadata.labels ?? {}) &&
      !['Succeeded', 'Failed'].includes(phaseOf(p)),
  );
  const healthy = selected.filter(isHealthy).length;
  const desired = desiredHealthy(budget, selected.length);
  if (healthy - desired > 0) return undefined;
  return new LabApiError(
    429,
    'TooManyRequests',
    "Cannot evict pod as it would violate the pod's disruption budget.",
    {
      causes: [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${budget.metadata.name} needs ${desired} healthy pods and has ${healthy} currently`,
        },
      ],
    },
  );
}
