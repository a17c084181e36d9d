/**
 * Builders for findings, so every check states the same things the same way
 * and the type system holds them to it (a problem without a fix or an unknown
 * without its missing input does not compile).
 */
import type { CheckId } from './catalogue';
import type {
  CheckEvidence,
  CheckFix,
  CheckSeverity,
  CheckSubject,
  OkFinding,
  ProblemFinding,
  UnknownFinding,
} from './types';

interface Common {
  check: CheckId;
  subject: CheckSubject;
  title: string;
  evidence?: CheckEvidence[];
  item?: string;
  also?: CheckSubject[];
}

function base({ check, subject, title, evidence, item, also }: Common) {
  return {
    check,
    subject,
    ...(also && also.length > 0 && { also }),
    ...(item !== undefined && { item }),
    title,
    evidence: evidence ?? [],
  };
}

export function okFinding(input: Common): OkFinding {
  return { ...base(input), outcome: 'ok' };
}

export function problemFinding(
  input: Common & { severity: CheckSeverity; fix: CheckFix },
): ProblemFinding {
  return {
    ...base(input),
    outcome: 'problem',
    severity: input.severity,
    fix: input.fix,
  };
}

export function unknownFinding(
  input: Common & { missing: string },
): UnknownFinding {
  return { ...base(input), outcome: 'unknown', missing: input.missing };
}
