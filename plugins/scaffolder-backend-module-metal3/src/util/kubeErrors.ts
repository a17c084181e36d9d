import { InputError } from '@backstage/errors';
import { KubeApiError } from '@metal3-fleet/plugin-metal3-node';

export const isStatus = (error: unknown, code: number): boolean =>
  error instanceof KubeApiError && error.statusCode === code;

/**
 * A 422 from the API server names the field paths: pass them on as an
 * InputError. Webhook denials (403 with the webhook's message) become input
 * errors too: the request, not the caller's rights, was refused.
 */
export function fieldError(error: unknown): Error {
  if (error instanceof KubeApiError) {
    if (error.statusCode === 422 && error.causes.length > 0) {
      return new InputError(
        error.causes.map(c => `${c.field}: ${c.message}`).join('; '),
      );
    }
    if (error.statusCode === 403 && /admission webhook/.test(error.message)) {
      return new InputError(error.message);
    }
  }
  return error as Error;
}
