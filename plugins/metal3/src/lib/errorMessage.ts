/**
 * The backend's own words for a failed request. A ResponseError's message is
 * only "Request failed with 409 Conflict"; the reason is in its cause.
 */
export function errorMessage(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return e?.cause?.message || e?.message || String(error);
}
