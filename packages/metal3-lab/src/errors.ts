import { LabStatusCause } from './types';

/**
 * An API error shaped like the apiserver's `Status` object. Thrown by the
 * store, the schema layer and the server; the server serialises it as is.
 *
 * @public
 */
export class LabApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: LabStatusCause[];
    retryAfterSeconds?: number;
  };

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: LabApiError['details'],
  ) {
    super(message);
    this.name = 'LabApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** The `Status` object a real API server would return for this error. */
  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details && { details: this.details }),
      code: this.code,
    };
  }
}
