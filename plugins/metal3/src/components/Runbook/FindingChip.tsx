import { Chip } from '@material-ui/core';
import type { CheckFinding } from '@metal3-fleet/plugin-metal3-common';

/** The label an operator reads first: the severity of a problem, or that the check could not tell. */
export function findingLabel(finding: CheckFinding): string {
  if (finding.outcome === 'problem') return finding.severity;
  return finding.outcome;
}

/** Severity or outcome of one finding, coloured so an error stands out. */
export const FindingChip = ({ finding }: { finding: CheckFinding }) => {
  const label = findingLabel(finding);
  let color: 'secondary' | 'primary' | 'default' = 'default';
  if (label === 'error') color = 'secondary';
  else if (label === 'warning') color = 'primary';
  return (
    <Chip
      size="small"
      label={label}
      color={color}
      variant={finding.outcome === 'unknown' ? 'outlined' : 'default'}
    />
  );
};
