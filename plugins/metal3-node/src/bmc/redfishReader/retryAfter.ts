/**
 * How long a `Retry-After` header asks to wait, in ms, or undefined when it
 * says nothing usable. RFC 9110 §10.2.3 allows delay-seconds (`120`) or an
 * HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`, also the obsolete RFC 850 and
 * asctime forms); a date in the past means "now".
 */
export function retryAfterMs(
  header: string | string[] | undefined,
  now: number,
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form names a month; without one, Date.parse would read
  // `1.5` or `-3` as dates.
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  // HTTP dates are GMT; the asctime form does not say so, and Date.parse
  // would read it as local time.
  const at = Date.parse(/GMT|UTC/i.test(value) ? value : `${value} GMT`);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
