/**
 * An error answer of the Kubernetes API, with the status code and the
 * `Status` reason, e.g. 410 `Expired`/`Gone`, 409 `Conflict`, 422 `Invalid`.
 */
export class KubeApiError extends Error {
  readonly statusCode: number;
  readonly reason?: string;
  readonly causes: { field?: string; message?: string; reason?: string }[];

  constructor(
    statusCode: number,
    message: string,
    reason?: string,
    causes: KubeApiError['causes'] = [],
  ) {
    super(message);
    this.name = 'KubeApiError';
    this.statusCode = statusCode;
    this.reason = reason;
    this.causes = causes;
  }

  static fromResponse(
    statusCode: number,
    method: string,
    path: string,
    body: any,
  ): KubeApiError {
    const message =
      typeof body === 'object' && body?.message
        ? body.message
        : `${method} ${path} answered ${statusCode}`;
    return new KubeApiError(
      statusCode,
      message,
      body?.reason,
      body?.details?.causes ?? [],
    );
  }

  static fromStatus(status: any): KubeApiError {
    return new KubeApiError(
      status?.code ?? 500,
      status?.message ?? 'watch error',
      status?.reason,
      status?.details?.causes ?? [],
    );
  }
}

/** True for the answers that mean "your resourceVersion is too old: relist". */
export function isExpired(error: unknown): boolean {
  return (
    error instanceof KubeApiError &&
    (error.statusCode === 410 ||
      error.reason === 'Expired' ||
      error.reason === 'Gone')
  );
}

/**
 * A one-line description of a failure for logs and health: undici's "fetch
 * failed" hides the reason (ECONNREFUSED, certificate errors) in `cause`.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  const detail = cause?.code ?? cause?.message;
  return detail && !error.message.includes(detail)
    ? `${error.message} (${detail})`
    : error.message;
}
