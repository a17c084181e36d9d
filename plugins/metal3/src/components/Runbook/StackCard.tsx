import { Box, Typography } from '@material-ui/core';
import type { ClusterFindingsResponse } from '@metal3-fleet/plugin-metal3-common';
import { FindingItem } from './FindingItem';

/** Stack findings are the "Metal3 stack" card's; the cluster's other findings go to its checks card. */
export const isStackFinding = (f: { check: string }) =>
  f.check.startsWith('stack.');

const Section = ({
  title,
  findings,
}: {
  title: string;
  findings: ClusterFindingsResponse['findings'];
}) => (
  <Box mb={2}>
    <Typography variant="h6">{title}</Typography>
    {findings.length === 0 ? (
      <Typography>None evaluated.</Typography>
    ) : (
      findings.map(f => <FindingItem key={f.item ?? f.title} finding={f} />)
    )}
  </Box>
);

/**
 * Phase 1.3 of the guide ("Verify Metal3 Stack"): every CRD the portal needs,
 * served or not and in which version, and every controller Deployment, ready
 * or not and with its image version. All are listed, not only the problems:
 * an operator checking an installation wants to see what is there.
 */
export const StackCard = ({ value }: { value: ClusterFindingsResponse }) => {
  const stack = value.findings.filter(isStackFinding);
  const { problems, unknown, unhealthy } = value.stack;
  let verdict = 'The Metal3 stack is healthy.';
  if (unhealthy) {
    verdict = `The Metal3 stack is unhealthy: ${problems} problem${
      problems === 1 ? '' : 's'
    }.`;
  } else if (unknown > 0) {
    verdict = `${unknown} stack check${
      unknown === 1 ? '' : 's'
    } could not run.`;
  }
  return (
    <>
      <Typography paragraph>
        <b>{verdict}</b> Checked {value.evaluatedAt}.
      </Typography>
      <Section
        title="Controllers"
        findings={stack.filter(f => f.check === 'stack.controller-ready')}
      />
      <Section
        title="CRDs"
        findings={stack.filter(f => f.check === 'stack.crd-served')}
      />
    </>
  );
};
