/**
 * Fleet filters over findings: `is:noncompliant` (a worker's node labels
 * break the rules of phase 5.2) and `is:drift` (BMC or catalog disagree with
 * the cluster), plus the test behind the fleet banner (a cluster whose
 * Metal3 stack is unhealthy). Each takes the findings of one subject, as
 * `findingsForSubject` or `groupFindingsBySubject` give them.
 */
import type { CheckFinding } from './types';

/** @public */
export type FleetFindingFilter = 'is:noncompliant' | 'is:drift';

/** The filters, by the token a user types in the fleet search. @public */
export const FLEET_FINDING_FILTERS: Record<
  FleetFindingFilter,
  { description: string; matches(finding: CheckFinding): boolean }
> = {
  'is:noncompliant': {
    description:
      'Workers whose node labels break the node-role rules (kube-ovn/role=master, kube-dc-manager=true, no worker role)',
    matches: f => f.check === 'node.worker-labels' && f.outcome === 'problem',
  },
  'is:drift': {
    description:
      'Hosts whose BMC or catalog entity disagrees with the cluster (serial, MACs, model, power, entity facts)',
    matches: f => f.check.startsWith('drift.') && f.outcome === 'problem',
  },
};

/** The filter a search token names, if any (`IS:Drift` counts). @public */
export function parseFleetFindingFilter(
  token: string,
): FleetFindingFilter | undefined {
  const normalised = token.trim().toLowerCase();
  return normalised in FLEET_FINDING_FILTERS
    ? (normalised as FleetFindingFilter)
    : undefined;
}

/** Whether a subject with these findings passes the filter. @public */
export function matchesFleetFindingFilter(
  filter: FleetFindingFilter,
  findings: readonly CheckFinding[],
): boolean {
  return findings.some(FLEET_FINDING_FILTERS[filter].matches);
}

/** `is:noncompliant`: a worker node label rule is broken. @public */
export function isNoncompliant(findings: readonly CheckFinding[]): boolean {
  return matchesFleetFindingFilter('is:noncompliant', findings);
}

/** `is:drift`: the BMC or the catalog disagrees with the cluster. @public */
export function isDrift(findings: readonly CheckFinding[]): boolean {
  return matchesFleetFindingFilter('is:drift', findings);
}

/**
 * The fleet banner's test: a stack finding (CRDs, controllers) is an error.
 * A missing Kube-OVN (a warning) does not raise the banner: the portal's
 * Metal3 features still work.
 *
 * @public
 */
export function hasUnhealthyStack(findings: readonly CheckFinding[]): boolean {
  return findings.some(
    f =>
      f.check.startsWith('stack.') &&
      f.outcome === 'problem' &&
      f.severity === 'error',
  );
}
