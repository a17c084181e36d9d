import { InputError } from '@backstage/errors';
import { FieldError } from '@metal3-fleet/plugin-metal3-common';

export type { FieldError };

/** Throws one InputError listing every problem (each message names its field). */
export function throwIfInvalid(errors: (FieldError | undefined)[]): void {
  const problems = errors.filter((e): e is FieldError => Boolean(e));
  if (problems.length > 0) {
    throw new InputError(problems.map(e => e.message).join('; '));
  }
}

/** A FieldError whose message starts with the field, as every action reports them. */
export const fieldProblem = (field: string, message: string): FieldError => ({
  field,
  message: `${field}: ${message}`,
});

const IPV4 =
  /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export const isIPv4 = (value: string | undefined): boolean =>
  typeof value === 'string' && IPV4.test(value);

/** The IPv4 address as a number, for range checks. */
export function ipv4ToNumber(value: string): number {
  return value.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Label keys and values as the API server checks them (metadata.labels, selectors). */
export function validateLabels(
  labels: Record<string, string> | undefined,
  field: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const [prefix, name] = key.includes('/')
      ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)]
      : [undefined, key];
    const keyOk =
      (prefix === undefined ||
        (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix))) &&
      name.length <= 63 &&
      LABEL_KEY_NAME.test(name);
    if (!keyOk) {
      errors.push(fieldProblem(field, `"${key}" is not a valid label key`));
    } else if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !LABEL_VALUE.test(value)
    ) {
      errors.push(
        fieldProblem(
          `${field}.${key}`,
          `"${value}" is not a valid label value (63 characters of letters, digits, '-', '_' or '.')`,
        ),
      );
    }
  }
  return errors;
}
