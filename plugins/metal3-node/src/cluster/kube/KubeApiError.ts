import { retryAfterSeconds } from './retryAfter';

/** The Status reasons kube-apiserver uses for the codes, for answers that carry none. */
const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/**
 * An error answer of the Kubernetes API, with the status code and the
 * `Status` reason, e.g. 410 `Expired`/`Gone`, 409 `Conflict`, 422 `Invalid`,
 * 429 `TooManyRequests` (with the wait the server asked for).
 */
export class KubeApiError extends Error {
  readonly statusCode: number;
  readonly reason?: string;
  readonly causes: { field?: string; message?: string; reason?: string }[];
  /**
   * How long the server asked the client to wait before trying again
   * (`Retry-After`, or the Status' `details.retryAfterSeconds`): sent with
   * 429 by API Priority and Fairness, and with some 5xx answers.
   */
  readonly retryAfterSeconds?: number;

  constructor(
    statusCode: number,
    message: string,
    reason?: string,
    causes: KubeApiError['causes'] = [],
    retryAfter?: number,
  ) {
    super(message);
    this.name = 'KubeApiError';
    this.statusCode = statusCode;
    this.reason = reason;
    this.causes = causes;
    this.retryAfterSeconds = retryAfter;
  }

  static fromResponse(
    statusCode: number,
    method: string,
    path: string,
    body: any,
    headers: Record<string, string> = {},
  ): KubeApiError {
    // Not every refusal is a JSON Status: API Priority and Fairness answers
    // 429 with Go's plain-text http.Error body, as some proxies do.
    const text = typeof body === 'string' ? body.trim() : '';
    let message = `${method} ${path} answered ${statusCode}`;
    if (typeof body === 'object' && body?.message) message = body.message;
    else if (text && text.length <= 200) message = `${message}: ${text}`;
    return new KubeApiError(
      statusCode,
      message,
      body?.reason ?? REASONS[statusCode],
      body?.details?.causes ?? [],
      retryAfterSeconds(headers['retry-after'], body),
    );
  }

  static fromStatus(status: any): KubeApiError {
    return new KubeApiError(
      status?.code ?? 500,
      status?.message ?? 'watch error',
      status?.reason,
      status?.details?.causes ?? [],
      retryAfterSeconds(undefined, status),
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

/** 401: the API server did not accept the credentials (expired, rotated, wrong). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof KubeApiError && error.statusCode === 401;
}

/** 429: API Priority and Fairness (or a proxy) asks the client to slow down. */
export function isTooManyRequests(error: unknown): boolean {
  return error instanceof KubeApiError && error.statusCode === 429;
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
