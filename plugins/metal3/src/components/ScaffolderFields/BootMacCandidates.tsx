import {
  Button,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { BmcNicDto } from '@metal3-fleet/plugin-metal3-common';

const describe = (nic: BmcNicDto) =>
  [
    nic.name,
    nic.speedMbps ? `${nic.speedMbps / 1000} Gb/s` : undefined,
    nic.linkUp === undefined ? undefined : `link ${nic.linkUp ? 'up' : 'down'}`,
    nic.note,
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * The NICs the BMC reports, most likely boot NIC first. With a boot MAC
 * field listening, each has a "Use" button; without, the MACs are shown to
 * copy.
 */
export const BootMacCandidates = ({
  candidates,
  chosen,
  canPick,
  onPick,
}: {
  candidates: BmcNicDto[];
  chosen?: string;
  canPick: boolean;
  onPick(mac: string): void;
}) => {
  if (candidates.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2">Boot MAC address</Typography>
      <List dense aria-label="boot MAC candidates">
        {candidates.map(nic => {
          const isChosen = chosen?.toLowerCase() === nic.mac.toLowerCase();
          return (
            <ListItem key={nic.mac}>
              <ListItemText primary={nic.mac} secondary={describe(nic)} />
              {canPick && (
                <ListItemSecondaryAction>
                  <Button
                    size="small"
                    disabled={isChosen}
                    onClick={() => onPick(nic.mac)}
                    aria-label={`use ${nic.mac} as boot MAC`}
                  >
                    {isChosen ? 'In use' : 'Use'}
                  </Button>
                </ListItemSecondaryAction>
              )}
            </ListItem>
          );
        })}
      </List>
    </>
  );
};
