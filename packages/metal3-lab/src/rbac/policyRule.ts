import { RequestAttributes } from './requestAttributes';

/** A rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule). *
/** A rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule). * @public
/** A rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule). */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/**
 * Whether one rule allows a request, as kube-apiserver's RBAC authorizer
 * decides it (plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows and
 * pkg/apis/rbac/v1/evaluation_helpers.go): the verb, the API group, the
 * resource (`resource/subresource` for subresources, `*` for all,
 * `*\/subresource` for one subresource of every resource) and the
 * resourceNames (any when empty) must all match. No verb implies another:
 * `get` does not allow `list` or `watch`, `update` does not allow `patch`.
 */
export function ruleAllows(
  request: RequestAttributes,
  rule: PolicyRule,
): boolean {
  if (!verbMatches(rule, request.verb)) return false;
  if (!request.resourceRequest)
    return nonResourceURLMatches(rule, request.path);
  const combined = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  return (
    (rule.apiGroups ?? []).some(g => g === '*' || g === request.apiGroup) &&
    resourceMatches(rule, combined, request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some(v => v === '*' || v === verb);
}

function resourceMatches(
  rule: PolicyRule,
  combined: string,
  subresource: string,
): boolean {
  return (rule.resources ?? []).some(
    r =>
      r === '*' ||
      r === combined ||
      (subresource !== '' && r === `*/${subresource}`),
  );
}

function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    url =>
      url === '*' ||
      url === path ||
      (url.endsWith('*') && path.startsWith(url.slice(0, -1))),
  );
}
