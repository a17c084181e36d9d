import { useApi, alertApiRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import { metal3ResourceRef } from '@metal3-fleet/plugin-metal3-common';
import { useState } from 'react';
import { HostActionResult, HostDetailDto, metal3ApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { ActionSpec, HOST_ACTION_SPECS } from './actionSpecs';

/** What the user reads once the backend answered. */
function resultMessage(
  spec: ActionSpec,
  host: HostDetailDto,
  result: HostActionResult,
): string {
  if ('approval' in result) {
    return `${spec.label} of ${host.name} is waiting for approval by someone else (metal3.approvals.required)`;
  }
  if ('message' in result) return result.message;
  return `${spec.label} started`;
}

/** One action button: hidden without permission, confirmed before it runs. */
const ActionButton = ({
  spec,
  host,
  onDone,
  onApprovalRequested,
}: {
  spec: ActionSpec;
  host: HostDetailDto;
  onDone(): void;
  onApprovalRequested?(): void;
}) => {
  const metal3Api = useApi(metal3ApiRef);
  const alertApi = useApi(alertApiRef);
  // Host permissions are resource permissions: the policy may allow them
  // only for some hosts (e.g. hosts owned by the user's groups).
  const { allowed, loading } = usePermission({
    permission: spec.permission,
    resourceRef: metal3ResourceRef(host),
  });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (loading || !allowed) return null;

  const run = async () => {
    setBusy(true);
    try {
      const result = await metal3Api.runHostAction(
        host,
        spec.action,
        spec.body,
      );
      // A 202 with an approval (metal3.approvals.required): nothing ran yet.
      // The page's banner shows the request with its link.
      if ('approval' in result) onApprovalRequested?.();
      alertApi.post({
        message: resultMessage(spec, host, result),
        severity: 'success',
        display: 'transient',
      });
      onDone();
    } catch (error) {
      alertApi.post({
        message: `${spec.label} failed: ${errorMessage(error)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        onClick={() => setOpen(true)}
        disabled={busy}
      >
        {spec.label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={`confirm-${spec.label}`}
      >
        <DialogTitle id={`confirm-${spec.label}`}>
          {spec.label} {host.name}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{spec.impact(host)}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            onClick={run}
            disabled={busy}
          >
            {spec.label}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

/** The operations that apply to a host in its current state. */
export const HostActions = ({
  host,
  onDone,
  onApprovalRequested,
}: {
  host: HostDetailDto;
  onDone(): void;
  /** Called when the backend answered that the action waits for approval. */
  onApprovalRequested?(): void;
}) => (
  <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
    {HOST_ACTION_SPECS.filter(spec => spec.applies(host)).map(spec => (
      <ActionButton
        key={spec.label}
        spec={spec}
        host={host}
        onDone={onDone}
        onApprovalRequested={onApprovalRequested}
      />
    ))}
  </div>
);
