import type {
  CheckFinding,
  StackSummaryDto,
} from '@metal3-fleet/plugin-metal3-common';

/**
 * The fleet banner's summary of a cluster's stack findings: unhealthy when a
 * stack check found an error (a missing Kube-OVN, a warning, does not raise
 * it: the Metal3 features still work), with the first such problem and its
 * fix.
 *
 * @public
 */
export function stackSummary(
  findings: readonly CheckFinding[],
): StackSummaryDto {
  const stack = findings.filter(f => f.check.startsWith('stack.'));
  let first: StackSummaryDto['first'];
  let problems = 0;
  for (const f of stack) {
    if (f.outcome !== 'problem') continue;
    problems += 1;
    if (!first && f.severity === 'error') {
      first = { title: f.title, fix: f.fix };
    }
  }
  return {
    unhealthy: first !== undefined,
    problems,
    unknown: stack.filter(f => f.outcome === 'unknown').length,
    ...(first && { first }),
  };
}
