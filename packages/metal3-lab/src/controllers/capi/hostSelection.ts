import { KubeObject } from '../../types';

/**
 * CAPM3's choice of a BareMetalHost for a Metal3Machine (chooseHost,
 * ../shared/notes/metal3.md §5.1): a host already pointing at this machine
 * first; else a random one among hosts of the namespace that match the
 * hostSelector, are `available`/`ready`, unclaimed, not being deleted,
 * without an error message, not paused and not marked unhealthy.
 */
export function chooseHost(
  m3m: KubeObject,
  hosts: readonly KubeObject[],
  random: () => number = Math.random,
): KubeObject | undefined {
  const mine = hosts.find(
    h =>
      h.spec?.consumerRef?.kind === 'Metal3Machine' &&
      h.spec.consumerRef.name === m3m.metadata.name &&
      h.metadata.namespace === m3m.metadata.namespace,
  );
  if (mine) return mine;
  const selector = m3m.spec?.hostSelector ?? {};
  const candidates = hosts.filter(h => {
    const annotations = h.metadata.annotations ?? {};
    return (
      h.metadata.namespace === m3m.metadata.namespace &&
      !h.spec?.consumerRef &&
      !h.metadata.deletionTimestamp &&
      !h.status?.errorMessage &&
      !('baremetalhost.metal3.io/paused' in annotations) &&
      !('capm3.metal3.io/unhealthy' in annotations) &&
      !('capi.metal3.io/unhealthy' in annotations) &&
      ['available', 'ready'].includes(h.status?.provisioning?.state) &&
      matchesHostSelector(h.metadata.labels ?? {}, selector)
    );
  });
  if (candidates.length === 0) return undefined;
  return candidates[Math.floor(random() * candidates.length)];
}

/**
 * matchLabels ANDed with matchExpressions; operators as apimachinery's
 * NewRequirement reads them after CAPM3 lower-cases them.
 */
export function matchesHostSelector(
  labels: Record<string, string>,
  selector: { matchLabels?: Record<string, string>; matchExpressions?: any[] },
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const value = labels[expression.key];
    const values: string[] = expression.values ?? [];
    switch (String(expression.operator).toLowerCase()) {
      case 'in':
      case '=':
      case '==':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'notin':
      case '!=':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'exists':
        if (value === undefined) return false;
        break;
      case '!':
        if (value !== undefined) return false;
        break;
      case 'gt':
        if (value === undefined || !(Number(value) > Number(values[0])))
          return false;
        break;
      case 'lt':
        if (value === undefined || !(Number(value) < Number(values[0])))
          return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
