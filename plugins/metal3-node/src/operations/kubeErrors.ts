import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubeApiError } from '../cluster/kube';

/** An answer of the API server with this HTTP status. */
export const isStatus = (error: unknown, code: number): boolean =>
  error instanceof KubeApiError && error.statusCode === code;

/** 409 because the name is taken (a POST of an object that exists). */
export const isAlreadyExists = (error: unknown): boolean =>
  isStatus(error, 409) && (error as KubeApiError).reason === 'AlreadyExists';

/** 409 because the object changed since it was read: re-read and retry. */
export const isConflict = (error: unknown): boolean =>
  isStatus(error, 409) && (error as KubeApiError).reason !== 'AlreadyExists';

export const isNotFound = (error: unknown): boolean => isStatus(error, 404);

/**
 * Whether the request may have reached the API server although no answer
 * came back (connection reset, timeout): neither an answer of the API server
 * nor one of our own refusals. The caller must re-read to know whether its
 * write landed, never assume either way.
 */
export const isLostAnswer = (error: unknown): boolean =>
  !(error instanceof KubeApiError) && !(error instanceof CustomErrorBase);

/**
 * The API server's refusal in the caller's terms, so the REST API and the
 * scaffolder report the same thing for the same cause:
 * - 422 Invalid (schema) → InputError naming each field from the causes;
 * - 400 BadRequest (strict decoding: unknown field) → InputError;
 * - 403 from an admission webhook → InputError: the request, not the caller's
 *   rights, was refused;
 * - any other 403 (RBAC of the portal's service account) → NotAllowedError;
 * - 404 → NotFoundError, 409 → ConflictError, 503 → ServiceUnavailableError.
 * Anything else passes through unchanged.
 */
export function toCallerError(error: unknown): Error {
  if (!(error instanceof KubeApiError)) return error as Error;
  const { statusCode, message } = error;
  switch (statusCode) {
    case 422: {
      const named = error.causes.filter(c => c.field || c.message);
      return new InputError(
        named.length
          ? named
              .map(c => (c.field ? `${c.field}: ${c.message}` : c.message))
              .join('; ')
          : message,
      );
    }
    case 400:
      return new InputError(message);
    case 403:
      return /admission webhook/i.test(message)
        ? new InputError(message)
        : new NotAllowedError(`The cluster refused the request: ${message}`);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 503:
      return new ServiceUnavailableError(message);
    default:
      return error;
  }
}
