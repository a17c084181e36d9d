/**
 * One copy of each repeated string across projections. JSON.parse gives
 * every host its own copy of "available", "Dell Inc.", "UEFI", its
 * namespace and label values; at 10,000 hosts those copies are a large part
 * of the cache. The pool is bounded: past the cap it starts afresh, which
 * only costs the sharing, never correctness.
 */
const MAX_ENTRIES = 100_000;
const MAX_LENGTH = 256;
const pool = new Map<string, string>();

export function intern<T extends string | undefined>(value: T): T {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return value;
  const known = pool.get(value);
  if (known !== undefined) return known as T;
  if (pool.size >= MAX_ENTRIES) pool.clear();
  pool.set(value, value);
  return value;
}

/** The record with interned keys and values (labels, selectors). */
export function internRecord(
  record: Record<string, string> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) {
    result[intern(key)] = intern(value);
  }
  return result;
}
