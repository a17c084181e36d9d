import { ResourceKey } from '../types';

/**
 * Object name rules of the API server: most kinds need a DNS-1123
 * subdomain, namespaces a DNS-1123 label (apimachinery validation messages).
 */
const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function nameErrors(
  key: ResourceKey,
  name: string,
): { field: string; reason: string; message: string }[] {
  // RBAC objects only need a valid path segment ("system:discovery").
  if (key.group === 'rbac.authorization.k8s.io') return pathSegmentErrors(name);
  const isLabel = key.group === '' && key.resource === 'namespaces';
  const max = isLabel ? 63 : 253;
  const valid = (isLabel ? LABEL : SUBDOMAIN).test(name) && name.length <= max;
  if (valid) return [];
  const what = isLabel
    ? `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
    : `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  return [
    {
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message:
        name.length > max
          ? `Invalid value: "${name}": must be no more than ${max} characters`
          : `Invalid value: "${name}": ${what}`,
    },
  ];
}

/** path.ValidatePathSegmentName: the name rule of RBAC objects. */
function pathSegmentErrors(
  name: string,
): { field: string; reason: string; message: string }[] {
  const invalid = (why: string) => [
    {
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${name}": ${why}`,
    },
  ];
  if (name === '.' || name === '..') return invalid(`may not be '${name}'`);
  for (const c of ['/', '%'])
    if (name.includes(c)) return invalid(`may not contain '${c}'`);
  return [];
}
