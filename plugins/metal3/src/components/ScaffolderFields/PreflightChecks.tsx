import { List, ListItem, ListItemIcon, ListItemText } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import {
  BmcPreflightCheck,
  BmcPreflightCheckId,
} from '@metal3-fleet/plugin-metal3-common';

const LABELS: Record<BmcPreflightCheckId, string> = {
  address: 'Address',
  dns: 'Name resolution',
  tcp: 'Port open',
  tls: 'TLS certificate',
  authentication: 'Credentials',
  system: 'System found',
  power: 'Power state',
  bootMacs: 'Boot NICs',
};

const ICONS: Record<BmcPreflightCheck['status'], JSX.Element> = {
  pass: <CheckCircleIcon style={{ color: '#2e7d32' }} />,
  warn: <WarningIcon style={{ color: '#ef6c00' }} />,
  fail: <ErrorIcon color="error" />,
  skipped: <RemoveCircleOutlineIcon color="disabled" />,
};

/** Each preflight check with its outcome and message, in the order run. */
export const PreflightChecks = ({
  checks,
}: {
  checks: BmcPreflightCheck[];
}) => (
  <List dense aria-label="preflight checks">
    {checks.map(check => (
      <ListItem key={check.id} aria-label={`${check.id} ${check.status}`}>
        <ListItemIcon>{ICONS[check.status]}</ListItemIcon>
        <ListItemText
          primary={`${LABELS[check.id] ?? check.id}: ${check.status}`}
          secondary={check.message}
        />
      </ListItem>
    ))}
  </List>
);
