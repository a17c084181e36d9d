import { LabApiError } from '../errors';
import { KubeObject } from '../types';
import {
  appliesTo,
  authorize,
  RbacObjects,
  roleOf,
  Subject,
} from './authorizer';
import { PolicyRule } from './policyRule';
import { SYSTEM_MASTERS, UserInfo } from './userInfo';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * kube-apiserver's escalation prevention for RBAC writes
 * (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/
 * policybased, pkg/registry/rbac/validation/policy_comparator.go): nobody
 * grants what they do not hold. A Role or ClusterRole may only hold rules the
 * writer's own rules cover, unless the writer may `escalate` that role; a
 * binding may only reference a role whose rules the writer holds, unless the
 * writer may `bind` it. system:masters may do anything. Throws the server's
 * 403 (or the 404 of a binding to a missing role); returns otherwise.
 */
export function confirmNoEscalation(
  user: UserInfo,
  object: KubeObject,
  rbac: RbacObjects,
): void {
  if (user.groups.includes(SYSTEM_MASTERS)) return;
  const { kind } = object;
  const name = object.metadata.name ?? '';
  const namespace = object.metadata.namespace ?? '';
  const allows = (verb: string, resource: string, target: string) =>
    authorize(
      user,
      {
        resourceRequest: true,
        verb,
        path: '',
        apiGroup: RBAC_GROUP,
        apiVersion: 'v1',
        resource,
        subresource: '',
        namespace,
        name: target,
      },
      rbac,
    ).allowed;
  let granted: PolicyRule[];
  if (kind === 'Role' || kind === 'ClusterRole') {
    if (allows('escalate', `${kind.toLowerCase()}s`, name)) return;
    granted = (object.rules as PolicyRule[] | undefined) ?? [];
  } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    const ref = object.roleRef as { kind: string; name: string };
    if (allows('bind', `${ref.kind.toLowerCase()}s`, ref.name)) return;
    const role =
      ref.kind === 'ClusterRole'
        ? rbac.clusterRole(ref.name)
        : rbac.role(namespace, ref.name);
    if (!role) {
      throw new LabApiError(
        404,
        'NotFound',
        `${ref.kind.toLowerCase()}s.rbac.authorization.k8s.io "${
          ref.name
        }" not found`,
        {
          name: ref.name,
          group: RBAC_GROUP,
          kind: `${ref.kind.toLowerCase()}s`,
        },
      );
    }
    granted = (role.rules as PolicyRule[] | undefined) ?? [];
  } else {
    return;
  }
  const owned = rulesOf(user, namespace, rbac);
  const missing = breakdown(granted).filter(
    sub => !owned.some(owner => covers(owner, sub)),
  );
  if (missing.length === 0) return;
  const plural = `${kind.toLowerCase()}s`;
  const held = compact(missing).map(describe);
  throw new LabApiError(
    403,
    'Forbidden',
    `${plural}.${RBAC_GROUP} "${name}" is forbidden: user "${
      user.name
    }" (groups=[${user.groups
      .map(g => JSON.stringify(g))
      .join(
        ' ',
      )}]) is attempting to grant RBAC permissions not currently held:\n${[
      ...new Set(held),
    ]
      .sort()
      .join('\n')}`,
    { name, group: RBAC_GROUP, kind: plural },
  );
}

/** RulesFor: every rule the user holds in a namespace (cluster-wide ones included). */
function rulesOf(
  user: UserInfo,
  namespace: string,
  rbac: RbacObjects,
): PolicyRule[] {
  const sources = [
    ...rbac.clusterRoleBindings().map(binding => ({ binding, ns: undefined })),
    ...(namespace
      ? rbac
          .roleBindings(namespace)
          .map(binding => ({ binding, ns: namespace }))
      : []),
  ];
  return sources.flatMap(({ binding, ns }) => {
    const subjects = (binding.subjects as Subject[] | undefined) ?? [];
    if (!subjects.some(s => appliesTo(user, s, ns ?? ''))) return [];
    const role = roleOf(
      rbac,
      binding.roleRef as { kind: string; name: string },
      ns,
    );
    return (role?.rules as PolicyRule[] | undefined) ?? [];
  });
}

/** BreakdownRule: one verb, group, resource (and name) or URL per rule. */
function breakdown(rules: PolicyRule[]): PolicyRule[] {
  return rules.flatMap(rule => [
    ...(rule.apiGroups ?? []).flatMap(group =>
      (rule.resources ?? []).flatMap(resource =>
        rule.verbs.flatMap(verb =>
          (rule.resourceNames?.length ? rule.resourceNames : [undefined]).map(
            name => ({
              apiGroups: [group],
              resources: [resource],
              verbs: [verb],
              ...(name !== undefined && { resourceNames: [name] }),
            }),
          ),
        ),
      ),
    ),
    ...(rule.nonResourceURLs ?? []).flatMap(url =>
      rule.verbs.map(verb => ({ nonResourceURLs: [url], verbs: [verb] })),
    ),
  ]);
}

const hasAll = (set: string[] | undefined, items: string[] | undefined) =>
  (items ?? []).every(i => (set ?? []).includes(i));

/** ruleCovers: whether an owner's rule covers one broken-down rule. */
function covers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = owner.verbs.includes('*') || hasAll(owner.verbs, sub.verbs);
  const groups =
    (owner.apiGroups ?? []).includes('*') ||
    hasAll(owner.apiGroups, sub.apiGroups);
  const ownerResources = owner.resources ?? [];
  const resources =
    ownerResources.includes('*') ||
    (sub.resources ?? []).every(
      path =>
        ownerResources.includes(path) ||
        (path.includes('/') &&
          ownerResources.includes(`*/${path.split('/').slice(1).join('/')}`)),
    );
  const urls = (sub.nonResourceURLs ?? []).every(path =>
    (owner.nonResourceURLs ?? []).some(
      o =>
        o === path ||
        (o.endsWith('*') && path.startsWith(o.replace(/\*+$/, ''))),
    ),
  );
  const ownerNames = owner.resourceNames ?? [];
  const names = sub.resourceNames?.length
    ? ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames)
    : ownerNames.length === 0;
  return verbs && groups && resources && urls && names;
}

/** CompactRules: the verbs of one group and resource (no names) in one rule. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const merged = new Map<string, PolicyRule>();
  const out: PolicyRule[] = [];
  for (const rule of rules) {
    if (rule.resourceNames?.length || !rule.resources?.length) {
      out.push(rule);
      continue;
    }
    const key = `${rule.apiGroups![0]}\u0000${rule.resources[0]}`;
    const existing = merged.get(key);
    if (existing) existing.verbs.push(...rule.verbs);
    else merged.set(key, { ...rule, verbs: [...rule.verbs] });
  }
  return [...merged.values(), ...out];
}

/** rbacv1helpers.CompactString: `{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}`. */
function describe(rule: PolicyRule): string {
  const q = (list: string[]) =>
    `[${list.map(s => JSON.stringify(s)).join(' ')}]`;
  const parts: string[] = [];
  if (rule.apiGroups?.length) parts.push(`APIGroups:${q(rule.apiGroups)}`);
  if (rule.resources?.length) parts.push(`Resources:${q(rule.resources)}`);
  if (rule.nonResourceURLs?.length)
    parts.push(`NonResourceURLs:${q(rule.nonResourceURLs)}`);
  if (rule.resourceNames?.length)
    parts.push(`ResourceNames:${q(rule.resourceNames)}`);
  if (rule.verbs.length) parts.push(`Verbs:${q(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}
