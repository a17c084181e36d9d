/**
 * The search box's text as tokens: the runbook filters (`is:noncompliant`,
 * `is:drift`) are tokens of `q`, which the API already parses, so the
 * checkboxes only add or remove their token and leave the rest as typed.
 */
const tokens = (q: string) => q.split(/\s+/).filter(Boolean);

/** Whether `q` holds `token` (case-insensitive, as the API reads it). */
export function hasQueryToken(q: string | undefined, token: string): boolean {
  const wanted = token.toLowerCase();
  return tokens(q ?? '').some(t => t.toLowerCase() === wanted);
}

/** `q` with `token` added at its end, or removed wherever it was. */
export function setQueryToken(
  q: string | undefined,
  token: string,
  on: boolean,
): string {
  const wanted = token.toLowerCase();
  const rest = tokens(q ?? '').filter(t => t.toLowerCase() !== wanted);
  return (on ? [...rest, token] : rest).join(' ');
}
