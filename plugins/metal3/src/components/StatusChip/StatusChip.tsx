import { Chip, Tooltip, Typography, useTheme } from '@material-ui/core';
import { HostStatus } from '@metal3-fleet/plugin-metal3-common';
import { healthColor } from './statusColors';

/**
 * A host's readable status. The tooltip carries the help and the suggested
 * fix of an error, and the flags (paused, detached, held off...).
 */
export const StatusChip = ({ status }: { status: HostStatus }) => {
  const theme = useTheme();
  const background = healthColor(theme, status.health);
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
        style={{
          backgroundColor: background,
          // Black or white, whichever reads on the theme's colour.
          color: theme.palette.getContrastText(background),
        }}
        aria-label={`status ${status.label}`}
      />
    </Tooltip>
  );
};
