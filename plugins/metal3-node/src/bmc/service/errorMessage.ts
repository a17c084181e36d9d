import { BmcError } from '../types';

/**
 * The text shown for a failed BMC read. BMC errors are written to be shown
 * (host and cause, never credentials); anything else may carry request
 * details, so only its kind is shown.
 *
 * @public
 */
export function bmcErrorMessage(error: unknown): string {
  if (error instanceof BmcError) return error.message;
  return `Unexpected error: ${(error as Error)?.name ?? 'Error'}`;
}
