import { Typography } from '@material-ui/core';
import type { CheckFinding } from '@metal3-fleet/plugin-metal3-common';
import { FindingItem } from './FindingItem';

/** Drift findings are shown on their own card, not among the problems: one place each. */
export const isDriftFinding = (f: CheckFinding) => f.check.startsWith('drift.');

/**
 * What the host's BMC reports vs its BareMetalHost inventory, and its catalog
 * entity vs the cluster: each comparison with the fields that differ in bold,
 * an agreeing one said so, one that could not be made with its reason.
 */
export const DriftCard = ({ findings }: { findings: CheckFinding[] }) => {
  const drift = findings.filter(isDriftFinding);
  if (drift.length === 0) {
    return <Typography>No drift check has run for this host.</Typography>;
  }
  return (
    <>
      {drift.map(finding => (
        <FindingItem key={finding.check} finding={finding} />
      ))}
    </>
  );
};
