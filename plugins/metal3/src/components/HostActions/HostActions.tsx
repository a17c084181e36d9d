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
import {
  metal3HostManagePermission,
  metal3HostPowerPermission,
  metal3HostRemovePermission,
  metal3ResourceRef,
} from '@internal/plugin-metal3-common';
import { useState } from 'react';
import { HostAction, HostDetailDto, metal3ApiRef } from '../../api';

interface ActionSpec {
  action: HostAction;
  label: string;
  body?: { mode: 'soft' | 'hard' };
  permission: typeof metal3HostPowerPermission;
  /** What happens, in the words the confirmation shows. */
  impact(host: HostDetailDto): string;
  applies(host: HostDetailDto): boolean;
}

const nodeImpact = (host: HostDetailDto) =>
  host.node
    ? ` Node ${host.node.name} and every pod on it ${
        host.pool ? `(pool ${host.pool.name})` : ''
      } go down with it.`
    : '';

const ACTIONS: ActionSpec[] = [
  {
    action: 'power-on',
    label: 'Power on',
    permission: metal3HostPowerPermission,
    impact: h => `Sets ${h.name} online; Metal3 powers it on through its BMC.`,
    applies: h => h.online === false,
  },
  {
    action: 'power-off',
    label: 'Power off',
    permission: metal3HostPowerPermission,
    impact: h =>
      `Sets ${h.name} offline; Metal3 powers it off.${nodeImpact(h)}`,
    applies: h => h.online !== false,
  },
  {
    action: 'reboot',
    label: 'Reboot',
    body: { mode: 'soft' },
    permission: metal3HostPowerPermission,
    impact: h =>
      `Soft reboot of ${h.name} (ACPI shutdown, then power on).${nodeImpact(
        h,
      )}`,
    applies: h =>
      h.provisioningState === 'provisioned' ||
      h.provisioningState === 'externally provisioned',
  },
  {
    action: 'reboot',
    label: 'Hard reboot',
    body: { mode: 'hard' },
    permission: metal3HostPowerPermission,
    impact: h =>
      `Hard power cycle of ${h.name}, without a clean shutdown.${nodeImpact(
        h,
      )}`,
    applies: h =>
      h.provisioningState === 'provisioned' ||
      h.provisioningState === 'externally provisioned',
  },
  {
    action: 'inspect',
    label: 'Re-inspect',
    permission: metal3HostManagePermission,
    impact: h =>
      `Boots ${h.name} into the inspection ramdisk and refreshes its hardware inventory.`,
    applies: h => h.provisioningState === 'available',
  },
  {
    action: 'maintenance-on',
    label: 'Maintenance',
    permission: metal3HostManagePermission,
    impact: h =>
      `Cordons node ${h.node?.name} and evicts its pods; the host keeps running.`,
    applies: h => Boolean(h.node) && !h.node?.unschedulable,
  },
  {
    action: 'maintenance-off',
    label: 'End maintenance',
    permission: metal3HostManagePermission,
    impact: h => `Makes node ${h.node?.name} schedulable again.`,
    applies: h => Boolean(h.node?.unschedulable),
  },
  {
    action: 'remove-from-pool',
    label: 'Remove from pool',
    permission: metal3HostRemovePermission,
    impact: h =>
      `Marks machine ${h.machine} for deletion and scales pool ${
        h.pool?.name
      } down by one: this exact host is deprovisioned (cleaned) and returns to available.${nodeImpact(
        h,
      )}`,
    applies: h => Boolean(h.pool && h.machine),
  },
];

/** One action button: hidden without permission, confirmed before it runs. */
const ActionButton = ({
  spec,
  host,
  onDone,
}: {
  spec: ActionSpec;
  host: HostDetailDto;
  onDone(): void;
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
      alertApi.post({
        message: 'message' in result ? result.message : `${spec.label} started`,
        severity: 'success',
        display: 'transient',
      });
      onDone();
    } catch (error) {
      alertApi.post({
        message: `${spec.label} failed: ${(error as Error).message}`,
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
}: {
  host: HostDetailDto;
  onDone(): void;
}) => (
  <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
    {ACTIONS.filter(spec => spec.applies(host)).map(spec => (
      <ActionButton key={spec.label} spec={spec} host={host} onDone={onDone} />
    ))}
  </div>
);
