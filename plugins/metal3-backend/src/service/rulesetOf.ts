import {
  PermissionRule,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';

/**
 * A ruleset over a fixed set of rules, for callers without the permissions
 * registry (tests, routers built outside a backend).
 */
export function rulesetOf<R>(
  rules: Record<string, PermissionRule<R, any, string, any>>,
): PermissionRuleset<R> {
  return {
    getRuleByName(name: string) {
      const rule = Object.values(rules).find(r => r.name === name);
      if (!rule) throw new Error(`Unknown permission rule ${name}`);
      return rule;
    },
  };
}
