import {
  BMC_PASSWORD,
  Feature,
  FEATURES,
} from './__testUtils__/portalFeatures';
import { RbacLab, startRbacLab } from './__testUtils__/rbacLab';
import { rulesWithout, shippedGrants } from './__testUtils__/shippedRole';

/*
 * Least privilege, proven: the portal's backend (REST API and template
 * actions) runs against the lab, which enforces RBAC as kube-apiserver,
 * with a token of the portal's ServiceAccount bound to exactly
 * deploy/kubernetes/rbac.yaml. Every feature works with the shipped roles;
 * the lab sees each feature use exactly the grants it names, and every grant
 * is used; then each grant is taken out of the shipped role in turn, and a
 * feature that needs it fails with kube-apiserver's 403 naming it.
 */

jest.setTimeout(180_000);

let lab: RbacLab;

beforeAll(async () => {
  lab = await startRbacLab({ bmcPassword: BMC_PASSWORD });
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

/** Runs a feature; returns the grants its requests used and any refusal. */
async function runRecorded(feature: Feature) {
  const from = lab.records.length;
  let error: Error | undefined;
  try {
    await feature.run(lab);
  } catch (e) {
    error = e as Error;
  }
  const records = lab.records.slice(from);
  return {
    error,
    used: [
      ...new Set(
        records.map(r => lab.grantOf(r)).filter((g): g is string => !!g),
      ),
    ].sort(),
    refused: records
      .filter(r => !r.decision.allowed)
      .map(
        ({ request }) =>
          `${request.verb} ${request.resource}${
            request.subresource ? `/${request.subresource}` : ''
          }`,
      ),
  };
}

const GRANTS = shippedGrants();

/*
 * The runbook checks' optional informers (controller Deployments in their
 * namespaces, Kube-OVN ProviderNetworks) read what rbac.yaml does not grant
 * yet (docs/operations.md, "What the runbook checks read"): their lists are
 * refused in the background whatever a feature does, and those checks say
 * "unknown" naming the refused list. Not counted as a feature's refusals.
 */
const UNGRANTED_OPTIONAL_READS = new Set([
  'list deployments',
  'watch deployments',
  'list provider-networks',
  'watch provider-networks',
]);

describe('the portal with the shipped ClusterRole and Role', () => {
  it.each(FEATURES.map(f => [f.name, f] as const))(
    '%s: works and uses exactly what it names',
    async (_, feature) => {
      const { error, used, refused } = await runRecorded(feature);
      expect(error).toBeUndefined();
      expect(refused.filter(r => !UNGRANTED_OPTIONAL_READS.has(r))).toEqual(
        feature.refuses ?? [],
      );
      // The backend's own informers may re-list or re-watch during any
      // feature: only the feature that names those grants counts them.
      const background = new Set(FEATURES[0].needs);
      const own = used.filter(
        g => feature.needs.includes(g) || !background.has(g),
      );
      expect(own).toEqual([...new Set(feature.needs)].sort());
    },
  );

  it('grants nothing no feature needs', () => {
    const needed = new Set(FEATURES.flatMap(f => f.needs));
    expect(GRANTS.filter(g => !needed.has(g))).toEqual([]);
    expect([...needed].filter(g => !GRANTS.includes(g))).toEqual([]);
  });
});

describe('without one grant of the shipped roles', () => {
  it.each(
    GRANTS.map(grant => {
      const feature = FEATURES.find(f => f.needs.includes(grant));
      return [grant, feature?.name ?? '(no feature needs it)'] as const;
    }),
  )('without "%s": "%s" fails, refused by name', async (grant, name) => {
    const feature = FEATURES.find(f => f.name === name);
    expect(feature).toBeDefined();
    const [kind, group, resource, verb] = grant.split(' ');
    const roleKind = kind as 'ClusterRole' | 'Role';
    lab.setRules(
      roleKind,
      rulesWithout(roleKind, lab.shippedRules(roleKind), grant),
    );
    try {
      const { error, refused } = await runRecorded(feature!);
      // The feature fails, because the cluster refused that very request.
      expect(error).toBeDefined();
      expect(refused).toContain(`${verb} ${resource}`);
      // What the feature says names it too, when it passes the cluster's
      // words on (the page that only counts pods says it has no count).
      const named = `cannot ${verb} resource "${resource}" in API group "${
        group === 'core' ? '' : group
      }"`;
      const says = /forbidden/.test(error!.message) ? error!.message : named;
      expect(says).toContain(named);
    } finally {
      lab.setRules(roleKind, lab.shippedRules(roleKind));
    }
  });
});
