import { KubeObject } from '../types';
import { PolicyRule, ruleAllows } from './policyRule';
import { RequestAttributes } from './requestAttributes';
import { SYSTEM_MASTERS, UserInfo } from './userInfo';

/** The RBAC objects an authorizer reads (live, on every request). */
export interface RbacObjects {
  clusterRoleBindings(): readonly KubeObject[];
  roleBindings(namespace: string): readonly KubeObject[];
  clusterRole(name: string): KubeObject | undefined;
  role(namespace: string, name: string): KubeObject | undefined;
}

/** Which role rule allowed a request (what an audit log records). *
/** Which role rule allowed a request (what an audit log records). * @public
/** Which role rule allowed a request (what an audit log records). */
export interface AllowingRule {
  roleKind: 'ClusterRole' | 'Role';
  roleName: string;
  /** The Role's namespace. */
  namespace?: string;
  rule: PolicyRule;
}

/** @public */
export interface Decision {
  allowed: boolean;
  /** Upstream's reason: why allowed, or the resolution errors of a denial. */
  reason: string;
  allowedBy?: AllowingRule;
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/**
 * kube-apiserver's authorization of one request with the authorizers a
 * kubeadm cluster runs: members of system:masters may do everything; then
 * RBAC (plugin/pkg/auth/authorizer/rbac, pkg/registry/rbac/validation
 * VisitRulesFor): the rules of every ClusterRoleBinding whose subjects
 * include the user, then, for a namespaced request, of every RoleBinding in
 * that namespace (to a Role of the namespace or a ClusterRole). Deny by
 * default; a binding to a missing role is a resolution error that the
 * denial's reason names ("RBAC: clusterrole.rbac.authorization.k8s.io ...
 * not found"). Pure over the objects it is given.
 */
export function authorize(
  user: UserInfo,
  request: RequestAttributes,
  rbac: RbacObjects,
): Decision {
  if (user.groups.includes(SYSTEM_MASTERS))
    return { allowed: true, reason: '' };
  const errors: string[] = [];
  const sources: {
    binding: KubeObject;
    roleNamespace?: string;
    bindingNamespace?: string;
  }[] = [
    ...rbac.clusterRoleBindings().map(binding => ({ binding })),
    ...(request.namespace
      ? rbac.roleBindings(request.namespace).map(binding => ({
          binding,
          roleNamespace: request.namespace,
          bindingNamespace: request.namespace,
        }))
      : []),
  ];
  for (const { binding, roleNamespace, bindingNamespace } of sources) {
    const subject = ((binding.subjects as Subject[] | undefined) ?? []).find(
      s => appliesTo(user, s, bindingNamespace ?? ''),
    );
    if (!subject) continue;
    const ref = binding.roleRef as { kind: string; name: string };
    const role = roleOf(rbac, ref, roleNamespace);
    if (!role) {
      errors.push(
        `${ref.kind.toLowerCase()}.rbac.authorization.k8s.io "${
          ref.name
        }" not found`,
      );
      continue;
    }
    const rules = (role.rules as PolicyRule[] | undefined) ?? [];
    const rule = rules.find(r => ruleAllows(request, r));
    if (rule) {
      return {
        allowed: true,
        reason: `RBAC: allowed by ${describeBinding(binding, subject)}`,
        allowedBy: {
          roleKind: ref.kind as AllowingRule['roleKind'],
          roleName: ref.name,
          ...(ref.kind === 'Role' && { namespace: roleNamespace }),
          rule,
        },
      };
    }
  }
  return {
    allowed: false,
    // utilerrors.NewAggregate: one error as is, several in brackets.
    reason:
      errors.length === 0
        ? ''
        : `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`,
  };
}

/** The role a binding names: a Role only from a RoleBinding of its namespace. */
export function roleOf(
  rbac: RbacObjects,
  ref: { kind: string; name: string },
  roleNamespace: string | undefined,
): KubeObject | undefined {
  if (ref.kind === 'ClusterRole') return rbac.clusterRole(ref.name);
  if (ref.kind === 'Role' && roleNamespace)
    return rbac.role(roleNamespace, ref.name);
  return undefined;
}

/** appliesToUser of pkg/registry/rbac/validation/rule.go. */
export function appliesTo(
  user: UserInfo,
  subject: Subject,
  namespace: string,
): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      // A RoleBinding's ServiceAccount without namespace is of its own namespace.
      const ns = subject.namespace || namespace;
      return (
        ns !== '' && user.name === `system:serviceaccount:${ns}:${subject.name}`
      );
    }
    default:
      return false;
  }
}

function describeBinding(binding: KubeObject, subject: Subject): string {
  const { name, namespace } = binding.metadata;
  const ref = binding.roleRef as { kind: string; name: string };
  const who =
    subject.kind === 'ServiceAccount' && subject.namespace
      ? `${subject.namespace}/${subject.name}`
      : subject.name;
  return `${binding.kind} "${namespace ? `${name}/${namespace}` : name}" of ${
    ref.kind
  } "${ref.name}" to ${subject.kind} "${who}"`;
}
