/**
 * The wait, in seconds, a server asked for: the `Retry-After` header (delta
 * seconds or an HTTP date, RFC 9110 §10.2.3), else the Status body's
 * `details.retryAfterSeconds` (kube-apiserver sets both on 429). Undefined
 * when the answer names none.
 */
export function retryAfterSeconds(
  header: string | undefined,
  status?: any,
  now: number = Date.now(),
): number | undefined {
  const value = header?.trim();
  if (value) {
    if (/^\d+$/.test(value)) return Number(value);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const fromBody = status?.details?.retryAfterSeconds;
  return typeof fromBody === 'number' && fromBody >= 0 ? fromBody : undefined;
}
