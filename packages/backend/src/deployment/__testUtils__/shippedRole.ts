import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository root (this file is packages/backend/src/deployment/__testUtils__/). */
// Tests run from source: the manifests are files of the repository.
// eslint-disable-next-line no-restricted-syntax
export const REPO = join(__dirname, '../../../../..');

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: any;
}

export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** Every object of deploy/kubernetes/rbac.yaml, in file order. */
export function shippedRbac(): ManifestObject[] {
  const text = readFileSync(join(REPO, 'deploy/kubernetes/rbac.yaml'), 'utf8');
  return parseAllDocuments(text).map(doc => doc.toJS() as ManifestObject);
}

/**
 * One grant: a role, an API group, a resource and a verb, e.g.
 * `ClusterRole metal3.io baremetalhosts patch` or
 * `Role core secrets create` ("core" for the group "").
 */
export type Grant = string;

export function grantOf(
  roleKind: string,
  group: string,
  resource: string,
  verb: string,
): Grant {
  return `${roleKind} ${group || 'core'} ${resource} ${verb}`;
}

/** The grants of a role's rules, one per group, resource and verb. */
export function grantsOf(roleKind: string, rules: Rule[]): Grant[] {
  return rules.flatMap(rule =>
    rule.apiGroups.flatMap(group =>
      rule.resources.flatMap(resource =>
        rule.verbs.map(verb => grantOf(roleKind, group, resource, verb)),
      ),
    ),
  );
}

export type RoleKind = 'ClusterRole' | 'Role';

/**
 * The shipped ClusterRole and Roles, in file order. rbac.yaml ships a Role
 * per namespace for some rules (Secrets in host namespaces, Deployments in
 * controller namespaces): the copies of one Role grant the same.
 */
export function shippedRoles(): ManifestObject[] {
  return shippedRbac().filter(
    o => o.kind === 'ClusterRole' || o.kind === 'Role',
  );
}

/** The shipped roles' grants, each once (a Role's copies grant the same). */
export function shippedGrants(): Grant[] {
  return [
    ...new Set(shippedRoles().flatMap(role => grantsOf(role.kind, role.rules))),
  ];
}

/**
 * A role's rules without one grant: the verb leaves the rule that holds it
 * (a rule left without verbs, or a resource left without any, goes).
 */
export function rulesWithout(
  roleKind: RoleKind,
  rules: Rule[],
  grant: Grant,
): Rule[] {
  return rules.flatMap(rule =>
    rule.apiGroups.flatMap(group =>
      rule.resources
        .map(resource => ({
          apiGroups: [group],
          resources: [resource],
          verbs: rule.verbs.filter(
            verb => grantOf(roleKind, group, resource, verb) !== grant,
          ),
        }))
        .filter(r => r.verbs.length > 0),
    ),
  );
}
