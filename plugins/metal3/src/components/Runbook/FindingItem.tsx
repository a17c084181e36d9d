import { Box, Typography } from '@material-ui/core';
import type {
  CheckEvidence,
  CheckFinding,
} from '@metal3-fleet/plugin-metal3-common';
import { FindingChip } from './FindingChip';
import { FindingFix } from './FindingFix';

/** An evidence value as text: lists joined, an absent field said so. */
export function evidenceText(value: CheckEvidence['observed']): string {
  if (value === null) return '(absent)';
  if (Array.isArray(value)) return value.join(', ') || '(none)';
  return String(value);
}

/** The values that prove a finding; the ones that make it a problem in bold. */
export const EvidenceList = ({ evidence }: { evidence: CheckEvidence[] }) =>
  evidence.length === 0 ? null : (
    <Box component="ul" m={0} pl={3}>
      {evidence.map((e, i) => (
        <Typography
          key={`${e.field}-${i}`}
          component="li"
          variant="body2"
          style={{ fontWeight: e.violation ? 'bold' : undefined }}
        >
          {e.field}: {evidenceText(e.observed)}
          {e.expected !== undefined && ` (expected ${e.expected})`}
        </Typography>
      ))}
    </Box>
  );

/**
 * One finding: its severity or outcome, its one-line title, the values it
 * read and, for a problem, its fix; an unknown one says what it lacked.
 */
export const FindingItem = ({ finding }: { finding: CheckFinding }) => (
  <Box
    py={1}
    borderBottom="1px solid rgba(128,128,128,0.3)"
    data-testid={`finding-${finding.check}`}
  >
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <FindingChip finding={finding} />
      <Typography variant="subtitle2">{finding.title}</Typography>
    </Box>
    {finding.outcome === 'unknown' && (
      <Typography variant="body2" color="textSecondary">
        Unknown: {finding.missing}
      </Typography>
    )}
    <EvidenceList evidence={finding.evidence} />
    {finding.outcome === 'problem' && <FindingFix fix={finding.fix} />}
  </Box>
);
