import { Chip } from '@material-ui/core';
import { BmcHealth } from '@metal3-fleet/plugin-metal3-common';

const COLORS: Record<BmcHealth, string> = {
  OK: '#2e7d32',
  Warning: '#ef6c00',
  Critical: '#c62828',
};

/** A Redfish health value as a coloured chip; "—" when the BMC gave none. */
export const BmcHealthChip = ({ health }: { health?: BmcHealth }) =>
  health ? (
    <Chip
      size="small"
      label={health}
      style={{ backgroundColor: COLORS[health], color: 'white' }}
    />
  ) : (
    <>—</>
  );
