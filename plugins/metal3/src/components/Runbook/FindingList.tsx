import { Typography } from '@material-ui/core';
import {
  CheckFinding,
  findingKey,
  sortFindings,
} from '@metal3-fleet/plugin-metal3-common';
import { FindingItem } from './FindingItem';

/**
 * Problems worst first, then the checks that could not run (each with its
 * reason); the checks that passed are counted, not listed, so a page shows
 * what needs doing. `empty` is what to say when nothing needs doing.
 */
export const FindingList = ({
  findings,
  empty,
}: {
  findings: CheckFinding[];
  empty: string;
}) => {
  const shown = sortFindings(findings.filter(f => f.outcome !== 'ok'));
  const passed = findings.length - shown.length;
  return (
    <>
      {shown.length === 0 && <Typography>{empty}</Typography>}
      {shown.map(finding => (
        <FindingItem key={findingKey(finding)} finding={finding} />
      ))}
      {passed > 0 && (
        <Typography variant="body2" color="textSecondary">
          {passed} check{passed === 1 ? '' : 's'} passed.
        </Typography>
      )}
    </>
  );
};
