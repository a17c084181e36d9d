import { KubeObject } from '../types';

/**
 * Label selectors in the query-string form the API server accepts:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-ANDed.
 * Field selectors: `metadata.name`, `metadata.namespace` (and `spec.nodeName`
 * for pods) with `=`, `==`, `!=`. Kept separate from the plugins' own
 * selector code on purpose: the lab must not share the code it tests.
 */
export function matchesSelector(
  object: KubeObject,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): boolean {
  const labels = object.metadata.labels ?? {};
  for (const requirement of splitRequirements(labelSelector)) {
    if (!matchesLabel(labels, requirement)) return false;
  }
  for (const requirement of splitRequirements(fieldSelector)) {
    const match = /^([\w.]+)\s*(==|!=|=)\s*(.*)$/.exec(requirement);
    if (!match) throw new Error(`invalid field selector "${requirement}"`);
    const [, path, op, value] = match;
    const actual = readPath(object, path);
    if ((op === '!=') === (actual === value)) return false;
  }
  return true;
}

function splitRequirements(selector: string | undefined): string[] {
  if (!selector) return [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function matchesLabel(
  labels: Record<string, string>,
  requirement: string,
): boolean {
  let match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(requirement);
  if (match) {
    const values = match[3].split(',').map(v => v.trim());
    const has = match[1] in labels;
    return match[2] === 'in'
      ? has && values.includes(labels[match[1]])
      : !has || !values.includes(labels[match[1]]);
  }
  match = /^([\w./-]+)\s*(==|!=|=)\s*([\w./-]*)$/.exec(requirement);
  if (match) {
    const equal = labels[match[1]] === match[3];
    return match[2] === '!=' ? !equal : equal;
  }
  if (requirement.startsWith('!')) return !(requirement.slice(1) in labels);
  if (/^[\w./-]+$/.test(requirement)) return requirement in labels;
  throw new Error(`invalid label selector "${requirement}"`);
}

function readPath(object: any, path: string): string | undefined {
  return path.split('.').reduce((value, part) => value?.[part], object);
}
