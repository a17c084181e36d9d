/**
 * How the inputs of the checks say "this data could not be read". A check
 * never guesses: a collection the backend could not list arrives as
 * `{ unavailable: reason }`, and every finding that needed it is `unknown`
 * with that reason. The reason names what is missing and, where it helps,
 * the config key or the CRD ("the cluster serves no kubeovn.io").
 */

/** Data that could not be read, and why. @public */
export interface Unavailable {
  unavailable: string;
}

/** The data, or why it could not be read. @public */
export type Available<T> = T | Unavailable;

/** @public */
export function isUnavailable<T>(value: Available<T>): value is Unavailable {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Unavailable).unavailable === 'string'
  );
}
