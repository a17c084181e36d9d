import { KubeObject } from '../types';

type Cause = { field: string; reason: string; message: string };

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * The validation of RBAC objects (pkg/apis/rbac/validation/validation.go):
 * rules need verbs, and resources with API groups or non-resource URLs (only
 * in ClusterRoles, never both); bindings need a roleRef to a Role or
 * ClusterRole (ClusterRoleBindings: a ClusterRole) that never changes, and
 * subjects of a known kind (a ClusterRoleBinding's ServiceAccounts with their
 * namespace). Returns the field errors; empty when valid.
 */
export function rbacErrors(object: KubeObject, old?: KubeObject): Cause[] {
  switch (object.kind) {
    case 'Role':
    case 'ClusterRole':
      return ((object.rules as any[]) ?? []).flatMap((rule, i) =>
        ruleErrors(rule, object.kind === 'Role', `rules[${i}]`),
      );
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return bindingErrors(object, old);
    default:
      return [];
  }
}

function ruleErrors(rule: any, namespaced: boolean, path: string): Cause[] {
  const errors: Cause[] = [];
  const required = (field: string, detail: string) =>
    errors.push({
      field: `${path}.${field}`,
      reason: 'FieldValueRequired',
      message: `Required value: ${detail}`,
    });
  const urls: string[] = rule?.nonResourceURLs ?? [];
  if (!rule?.verbs?.length)
    required('verbs', 'verbs must contain at least one value');
  if (urls.length > 0) {
    const invalid = (detail: string) =>
      errors.push({
        field: `${path}.nonResourceURLs`,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(urls)}: ${detail}`,
      });
    if (namespaced)
      invalid('namespaced rules cannot apply to non-resource URLs');
    if (
      rule.apiGroups?.length ||
      rule.resources?.length ||
      rule.resourceNames?.length
    )
      invalid(
        'rules cannot apply to both regular resources and non-resource URLs',
      );
    return errors;
  }
  if (!rule?.apiGroups?.length)
    required('apiGroups', 'resource rules must supply at least one api group');
  if (!rule?.resources?.length)
    required('resources', 'resource rules must supply at least one resource');
  return errors;
}

function bindingErrors(binding: KubeObject, old?: KubeObject): Cause[] {
  const errors: Cause[] = [];
  const ref = (binding.roleRef ?? {}) as Record<string, string>;
  const kinds =
    binding.kind === 'ClusterRoleBinding'
      ? ['ClusterRole']
      : ['Role', 'ClusterRole'];
  if (ref.apiGroup !== RBAC_GROUP)
    errors.push(unsupported('roleRef.apiGroup', ref.apiGroup, [RBAC_GROUP]));
  if (!kinds.includes(ref.kind))
    errors.push(unsupported('roleRef.kind', ref.kind, kinds));
  if (!ref.name)
    errors.push({
      field: 'roleRef.name',
      reason: 'FieldValueRequired',
      message: 'Required value',
    });
  const subjects = (binding.subjects as any[]) ?? [];
  subjects.forEach((subject, i) => {
    const path = `subjects[${i}]`;
    if (!subject?.name)
      errors.push({
        field: `${path}.name`,
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
    if (!['ServiceAccount', 'User', 'Group'].includes(subject?.kind))
      errors.push(
        unsupported(`${path}.kind`, subject?.kind, [
          'ServiceAccount',
          'User',
          'Group',
        ]),
      );
    if (
      subject?.kind === 'ServiceAccount' &&
      binding.kind === 'ClusterRoleBinding' &&
      !subject.namespace
    )
      errors.push({
        field: `${path}.namespace`,
        reason: 'FieldValueRequired',
        message: 'Required value',
      });
  });
  if (old && JSON.stringify(old.roleRef) !== JSON.stringify(binding.roleRef)) {
    errors.push({
      field: 'roleRef',
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(
        binding.roleRef,
      )}: cannot change roleRef`,
    });
  }
  return errors;
}

function unsupported(
  field: string,
  value: unknown,
  supported: string[],
): Cause {
  return {
    field,
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${JSON.stringify(
      value ?? '',
    )}: supported values: ${supported.map(s => `"${s}"`).join(', ')}`,
  };
}
