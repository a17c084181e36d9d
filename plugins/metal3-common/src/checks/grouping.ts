/**
 * Findings arranged for the pages that show them: per subject (a host, pool
 * or cluster page shows its group), worst first, with counts for badges and
 * banners. A finding also appears under each of its `also` subjects (a
 * worker's NIC problem is on its host page and its pool page).
 */
import { subjectKey } from './subjects';
import type {
  CheckFinding,
  CheckOutcome,
  CheckSeverity,
  CheckSubject,
} from './types';

/** Counts per outcome and the worst problem severity. @public */
export interface FindingsSummary {
  ok: number;
  problem: number;
  unknown: number;
  /** The most severe problem; absent when there is none. */
  worst?: CheckSeverity;
}

/** The findings one page shows. @public */
export interface SubjectFindings {
  key: string;
  subject: CheckSubject;
  findings: CheckFinding[];
  summary: FindingsSummary;
}

const SEVERITY_RANK: Record<CheckSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};
const OUTCOME_RANK: Record<CheckOutcome, number> = {
  problem: 0,
  unknown: 1,
  ok: 2,
};

function rank(finding: CheckFinding): number {
  if (finding.outcome === 'problem') return SEVERITY_RANK[finding.severity];
  return 3 + OUTCOME_RANK[finding.outcome];
}

/** Worst first: errors, warnings, infos, unknowns, oks; the given order within each. @public */
export function sortFindings(
  findings: readonly CheckFinding[],
): CheckFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index)
    .map(x => x.finding);
}

/** @public */
export function summariseFindings(
  findings: readonly CheckFinding[],
): FindingsSummary {
  const summary: FindingsSummary = { ok: 0, problem: 0, unknown: 0 };
  for (const finding of findings) {
    summary[finding.outcome] += 1;
    if (
      finding.outcome === 'problem' &&
      (summary.worst === undefined ||
        SEVERITY_RANK[finding.severity] < SEVERITY_RANK[summary.worst])
    ) {
      summary.worst = finding.severity;
    }
  }
  return summary;
}

/**
 * One group per subject (under its own subject and each `also` subject),
 * ordered by subject key; each group worst first.
 *
 * @public
 */
export function groupFindingsBySubject(
  findings: readonly CheckFinding[],
): SubjectFindings[] {
  const groups = new Map<
    string,
    { subject: CheckSubject; findings: CheckFinding[] }
  >();
  const add = (subject: CheckSubject, finding: CheckFinding) => {
    const key = subjectKey(subject);
    let group = groups.get(key);
    if (!group) {
      group = { subject, findings: [] };
      groups.set(key, group);
    }
    // A subject named twice (subject and also) shows the finding once.
    if (!group.findings.includes(finding)) group.findings.push(finding);
  };
  for (const finding of findings) {
    add(finding.subject, finding);
    for (const other of finding.also ?? []) add(other, finding);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
    .map(([key, group]) => {
      const sorted = sortFindings(group.findings);
      return {
        key,
        subject: group.subject,
        findings: sorted,
        summary: summariseFindings(sorted),
      };
    });
}

/** The findings one page shows: those about the subject or naming it in `also`, worst first. @public */
export function findingsForSubject(
  findings: readonly CheckFinding[],
  subject: CheckSubject,
): CheckFinding[] {
  const key = subjectKey(subject);
  return sortFindings(
    findings.filter(
      f =>
        subjectKey(f.subject) === key ||
        (f.also ?? []).some(s => subjectKey(s) === key),
    ),
  );
}
