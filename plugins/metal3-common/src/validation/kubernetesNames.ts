/**
 * Validation of Kubernetes object names, pure so that the frontend (form fields),
 * the scaffolder actions and the lab all reject the same names with the same words.
 */

/** A problem with one input field. @public */
export interface FieldError {
  /** Dotted path of the field, e.g. `metadata.name` or `bmc.address`. */
  field: string;
  message: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Checks a name the way the API server checks most object names (RFC 1123
 * subdomain: at most 253 characters, lower case alphanumerics, `-` and `.`).
 *
 * @returns undefined when valid, otherwise the error naming `field`.
 * @public
 */
export function validateSubdomainName(
  value: string,
  field = 'metadata.name',
): FieldError | undefined {
  if (!value) {
    return { field, message: `${field} is required` };
  }
  if (value.length > 253) {
    return {
      field,
      message: `${field} must be no more than 253 characters (got ${value.length})`,
    };
  }
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return {
      field,
      message: `${field} "${value}" must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    };
  }
  return undefined;
}

/**
 * Checks an RFC 1123 label (namespaces, label-safe names): at most 63
 * characters, lower case alphanumerics and `-`.
 *
 * @public
 */
export function validateLabelName(
  value: string,
  field = 'metadata.namespace',
): FieldError | undefined {
  if (!value) {
    return { field, message: `${field} is required` };
  }
  if (value.length > 63) {
    return {
      field,
      message: `${field} must be no more than 63 characters (got ${value.length})`,
    };
  }
  if (!DNS1123_LABEL.test(value)) {
    return {
      field,
      message: `${field} "${value}" must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
    };
  }
  return undefined;
}
