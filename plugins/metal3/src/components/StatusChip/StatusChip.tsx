import { Chip, Tooltip, Typography } from '@material-ui/core';
import { HostStatus } from '@metal3-fleet/plugin-metal3-common';

const COLORS: Record<HostStatus['health'], string> = {
  ok: '#2e7d32',
  progressing: '#1565c0',
  attention: '#ef6c00',
  error: '#c62828',
  unknown: '#616161',
};

/**
 * A host's readable status. The tooltip carries the help and the suggested
 * fix of an error, and the flags (paused, detached, held off...).
 */
export const StatusChip = ({ status }: { status: HostStatus }) => {
  const tip = (
    <>
      {status.error && (
        <>
          <Typography variant="body2">{status.error.help}</Typography>
          {status.error.message && (
            <Typography variant="caption" component="p">
              {status.error.message}
            </Typography>
          )}
          <Typography variant="body2">
            <b>Fix:</b> {status.error.fix}
          </Typography>
        </>
      )}
      {status.flags.length > 0 && (
        <Typography variant="caption">
          Flags: {status.flags.join(', ')}
        </Typography>
      )}
      {!status.error && status.flags.length === 0 && status.label}
    </>
  );
  return (
    <Tooltip title={tip} arrow>
      <Chip
        size="small"
        label={
          status.flags.length > 0
            ? `${status.label} (${status.flags.length})`
            : status.label
        }
        style={{ backgroundColor: COLORS[status.health], color: 'white' }}
        aria-label={`status ${status.label}`}
      />
    </Tooltip>
  );
};
