/**
 * Small path helpers for conversions that move fields between API versions.
 * Paths are dot-separated; every helper works on a copy the caller owns.
 */

export function getPath(object: any, path: string): unknown {
  return path.split('.').reduce<any>((node, key) => node?.[key], object);
}

export function setPath(object: any, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  const parent = keys
    .slice(0, -1)
    .reduce<any>((node, key) => (node[key] ??= {}), object);
  parent[keys[keys.length - 1]] = value;
}

/** Deletes the field and then every parent object it left empty. */
export function deletePath(object: any, path: string): void {
  const keys = path.split('.');
  const chain: any[] = [object];
  for (const key of keys.slice(0, -1)) {
    const next = chain[chain.length - 1]?.[key];
    if (next === undefined || next === null || typeof next !== 'object') return;
    chain.push(next);
  }
  delete chain[chain.length - 1][keys[keys.length - 1]];
  for (let i = chain.length - 1; i > 0; i--) {
    if (Object.keys(chain[i]).length > 0) break;
    delete chain[i - 1][keys[i - 1]];
  }
}

/** Moves a field (when present), optionally transforming its value. */
export function moveField(
  object: any,
  from: string,
  to: string,
  transform: (value: any) => unknown = v => v,
): void {
  const value = getPath(object, from);
  if (value === undefined) return;
  deletePath(object, from);
  setPath(object, to, transform(value));
}

/** "10m", "1h30m", "300s", "500ms" → whole seconds (Go time.Duration text). */
export function durationToSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  let matched = '';
  for (const [whole, amount, unit] of value.matchAll(
    /(\d+(?:\.\d+)?)(ms|h|m|s)/g,
  )) {
    total += Number(amount) * units[unit];
    matched += whole;
  }
  return matched === value && matched !== '' ? Math.floor(total) : undefined;
}

/** Seconds → the Duration text Go's time.Duration.String() prints. */
export function secondsToDuration(value: unknown): string | undefined {
  if (typeof value !== 'number') return undefined;
  const h = Math.floor(value / 3600);
  const m = Math.floor((value % 3600) / 60);
  const s = value % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}
