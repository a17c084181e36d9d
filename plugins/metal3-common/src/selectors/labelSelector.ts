/**
 * Kubernetes label selectors (`matchLabels` + `matchExpressions`), evaluated
 * the way the API server does: all requirements ANDed; `NotIn` and
 * `DoesNotExist` match objects that lack the key. Used to preview which hosts
 * a pool's `hostSelector` would claim.
 */

/** @public */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

/** @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** @public */
export function matchesLabelSelector(
  labels: Record<string, string> | undefined,
  selector: LabelSelector | undefined,
): boolean {
  const actual = labels ?? {};
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (actual[key] !== value) return false;
  }
  for (const requirement of selector?.matchExpressions ?? []) {
    if (!matchesRequirement(actual, requirement)) return false;
  }
  return true;
}

function matchesRequirement(
  labels: Record<string, string>,
  { key, operator, values = [] }: LabelSelectorRequirement,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An operator we do not know selects nothing, as the API server rejects it.
      return false;
  }
}

/** `a=b,c in (x,y)` form of a selector, for display and for `labelSelector=` queries. @public */
export function formatLabelSelector(
  selector: LabelSelector | undefined,
): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  for (const { key, operator, values = [] } of selector?.matchExpressions ??
    []) {
    if (operator === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn')
      parts.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.join(',');
}
