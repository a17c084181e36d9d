import { Box, Button, Tooltip, Typography } from '@material-ui/core';
import {
  HostSummaryDto,
  metal3ResourceRef,
} from '@metal3-fleet/plugin-metal3-common';
import { useState } from 'react';
import { BULK_ACTION_SPECS, BulkActionSpec } from '../HostActions/actionSpecs';
import { BulkConfirmDialog } from './BulkConfirmDialog';
import { BulkOutcome } from './runBulk';
import { useHostPermissions } from './useHostPermissions';

export interface BulkActionBarProps {
  selected: HostSummaryDto[];
  onClear(): void;
  /** After a run: the page reloads and drops the hosts that succeeded. */
  onDone(outcomes: BulkOutcome[]): void;
}

/**
 * The actions on the selected hosts. A button is disabled, saying why, when
 * the policy allows it for none of them; hosts it denies are named and
 * skipped in the confirmation.
 */
export const BulkActionBar = ({
  selected,
  onClear,
  onDone,
}: BulkActionBarProps) => {
  const { allowed, loading } = useHostPermissions(
    selected,
    BULK_ACTION_SPECS.map(s => s.permission),
  );
  const [active, setActive] = useState<BulkActionSpec>();

  const reasonDisabled = (spec: BulkActionSpec) => {
    if (loading || !allowed) return 'Checking your permissions…';
    const refs = allowed.get(spec.permission.name) ?? new Set<string>();
    const ok = selected.filter(h => refs.has(metal3ResourceRef(h)));
    if (ok.length === 0)
      return `You are not allowed to ${spec.label.toLowerCase()} these hosts (${
        spec.permission.name
      })`;
    if (!ok.some(spec.eligible))
      return `None of the selected hosts can: ${spec.skipReason}`;
    return undefined;
  };

  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      p={1}
      style={{ gap: 8 }}
      role="toolbar"
      aria-label="bulk actions"
    >
      <Typography variant="subtitle2">{selected.length} selected</Typography>
      {BULK_ACTION_SPECS.map(spec => {
        const reason = reasonDisabled(spec);
        return (
          <Tooltip key={spec.action} title={reason ?? ''}>
            <span>
              <Button
                size="small"
                variant="outlined"
                disabled={Boolean(reason)}
                onClick={() => setActive(spec)}
              >
                {spec.label}
              </Button>
            </span>
          </Tooltip>
        );
      })}
      <Button size="small" onClick={onClear}>
        Clear selection
      </Button>
      {active && allowed && (
        <BulkConfirmDialog
          spec={active}
          selected={selected}
          allowedRefs={allowed.get(active.permission.name) ?? new Set()}
          onClose={outcomes => {
            setActive(undefined);
            if (outcomes) onDone(outcomes);
          }}
        />
      )}
    </Box>
  );
};
