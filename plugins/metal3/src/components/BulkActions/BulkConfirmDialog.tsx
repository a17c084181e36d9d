import { useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { useRef, useState } from 'react';
import { metal3ApiRef } from '../../api';
import { BulkActionSpec } from '../HostActions/actionSpecs';
import { bulkImpact, describeImpact } from './bulkImpact';
import { BulkOutcome, runBulk } from './runBulk';

export interface BulkConfirmDialogProps {
  spec: BulkActionSpec;
  selected: HostSummaryDto[];
  allowedRefs: Set<string>;
  onClose(outcomes?: BulkOutcome[]): void;
}

const STATE_LABELS: Record<BulkOutcome['state'], string> = {
  changed: 'done',
  unchanged: 'already so',
  started: 'started',
  failed: 'failed',
};

/**
 * Confirms a bulk action naming its impact (hosts, nodes, pods, pools and
 * the hosts skipped), runs it, then shows what happened to each host.
 */
export const BulkConfirmDialog = ({
  spec,
  selected,
  allowedRefs,
  onClose,
}: BulkConfirmDialogProps) => {
  const metal3Api = useApi(metal3ApiRef);
  const impact = bulkImpact(spec, selected, allowedRefs);
  const [done, setDone] = useState<number>();
  const [outcomes, setOutcomes] = useState<BulkOutcome[]>();
  const running = done !== undefined && !outcomes;
  const total = impact.targets.length;
  // Set synchronously on the first click: a second click that arrives before
  // React re-renders the disabled button must not send every request again.
  // (The server stays right anyway: removal and power are exactly-once.)
  const sent = useRef(false);

  const run = async () => {
    if (sent.current) return;
    sent.current = true;
    setDone(0);
    setOutcomes(
      await runBulk(
        impact.targets,
        host => metal3Api.runHostAction(host, spec.action),
        setDone,
      ),
    );
  };

  const failed = outcomes?.filter(o => o.state === 'failed') ?? [];

  return (
    <Dialog
      open
      onClose={() => !running && onClose(outcomes)}
      aria-labelledby="bulk-confirm-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="bulk-confirm-title">
        {spec.label} {total} host{total === 1 ? '' : 's'}?
      </DialogTitle>
      <DialogContent>
        {!outcomes &&
          describeImpact(spec, impact).map(line => (
            <DialogContentText key={line}>{line}</DialogContentText>
          ))}
        {running && (
          <>
            <LinearProgress
              variant="determinate"
              value={total ? (100 * done!) / total : 100}
            />
            <Typography variant="body2">
              {done} of {total} sent
            </Typography>
          </>
        )}
        {outcomes && (
          <>
            <Typography>
              {outcomes.length - failed.length} of {outcomes.length} succeeded
              {failed.length > 0 && `, ${failed.length} failed`}.
            </Typography>
            <List dense aria-label="results">
              {outcomes.map(o => (
                <ListItem
                  key={`${o.host.cluster}/${o.host.namespace}/${o.host.name}`}
                >
                  <ListItemText
                    primary={`${o.host.name}: ${STATE_LABELS[o.state]}`}
                    secondary={o.message}
                    primaryTypographyProps={
                      o.state === 'failed' ? { color: 'error' } : undefined
                    }
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </DialogContent>
      <DialogActions>
        {outcomes ? (
          <Button onClick={() => onClose(outcomes)}>Close</Button>
        ) : (
          <>
            <Button onClick={() => onClose()} disabled={running}>
              Cancel
            </Button>
            <Button
              color="primary"
              variant="contained"
              onClick={run}
              disabled={running || total === 0}
            >
              {spec.label} {total} host{total === 1 ? '' : 's'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
