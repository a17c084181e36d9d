import {
  BMC_PASSWORD,
  Feature,
  FEATURES,
} from './__testUtils__/portalFeatures';
import { CLUSTER, until, withFreshService } from './__testUtils__/portalSteps';
import { RbacLab, startRbacLab } from './__testUtils__/rbacLab';
import { shippedGrants } from './__testUtils__/shippedRole';

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
 * Grants the backend's own informers use all the time: they may re-list or
 * re-watch during any feature, so only the features that name them count
 * them.
 */
const BACKGROUND = new Set(
  FEATURES.filter(f => f.background).flatMap(f => f.needs),
);

describe('the portal with the shipped ClusterRole and Roles', () => {
  it.each(FEATURES.map(f => [f.name, f] as const))(
    '%s: works and uses exactly what it names',
    async (_, feature) => {
      const { error, used, refused } = await runRecorded(feature);
      expect(error).toBeUndefined();
      expect(refused).toEqual(feature.refuses ?? []);
      const own = used.filter(
        g => feature.needs.includes(g) || !BACKGROUND.has(g),
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
    const [, group, resource, verb] = grant.split(' ');
    lab.withoutGrant(grant);
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
      lab.restoreShipped();
    }
  });
});

describe('a site without the Role of one controller namespace', () => {
  // docs/operations.md: drop the Role of a controller you do not run. The
  // other namespaces are still read; the refused one is named, with the
  // cluster's words, for the stack check to say "unknown" for it alone.
  it('reads the controllers of the other namespaces and names the refused one', async () => {
    const dropped = lab.roles.find(
      r =>
        r.kind === 'Role' &&
        r.metadata.name === 'metal3-portal-controllers' &&
        r.metadata.namespace === 'metal3-ipam-system',
    )!;
    expect(dropped).toBeDefined();
    lab.setRules(dropped, []);
    try {
      await withFreshService(lab, async service => {
        const cache = service.getCluster(CLUSTER);
        await until(
          () => cache.availability('deployments').available,
          () => JSON.stringify(cache.availability('deployments')),
        );
        const failures = cache.namespaceFailures('deployments');
        expect(Object.keys(failures)).toEqual(['metal3-ipam-system']);
        expect(failures['metal3-ipam-system']).toContain(
          'cannot list resource "deployments" in API group "apps" in the namespace "metal3-ipam-system"',
        );
      });
    } finally {
      lab.restoreShipped();
    }
  });
});
