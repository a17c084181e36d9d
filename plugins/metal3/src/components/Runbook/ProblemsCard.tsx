import type { FindingsResponse } from '@metal3-fleet/plugin-metal3-common';
import { FindingList } from './FindingList';
import { RunbookCard } from './RunbookCard';

/** The "Problems" card of a pool or host page: its findings, worst first, each with its fix. */
export const ProblemsCard = ({
  state,
  what,
}: {
  state: { value?: FindingsResponse; loading: boolean; error?: Error };
  /** "pool kube-dc-workers", for the empty state. */
  what: string;
}) => (
  <RunbookCard title="Problems" state={state}>
    {value => (
      <FindingList
        findings={value.findings}
        empty={`No runbook check finds a problem with ${what}.`}
      />
    )}
  </RunbookCard>
);
