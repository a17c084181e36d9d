import { InfoCard } from '@backstage/core-components';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { formatDuration } from '@metal3-fleet/plugin-metal3-common';

const LABELS: Record<string, string> = {
  register: 'Registration',
  inspect: 'Inspection',
  provision: 'Provisioning',
  deprovision: 'Deprovisioning',
};

/** The host's lifecycle from `status.operationHistory`, oldest first. */
export const LifecycleTimeline = ({
  history,
}: {
  history: Record<string, { start?: string; end?: string }>;
}) => {
  const steps = Object.entries(history)
    .filter(([, t]) => t.start)
    .sort(([, a], [, b]) => a.start!.localeCompare(b.start!));
  if (steps.length === 0) {
    return <Typography>No lifecycle operation recorded yet.</Typography>;
  }
  return (
    <InfoCard title="Lifecycle">
      <List dense aria-label="lifecycle">
        {steps.map(([op, t]) => (
          <ListItem key={op}>
            <ListItemText
              primary={LABELS[op] ?? op}
              secondary={
                t.end
                  ? `${new Date(
                      t.start!,
                    ).toLocaleString()} — took ${formatDuration(
                      (Date.parse(t.end) - Date.parse(t.start!)) / 1000,
                    )}`
                  : `${new Date(t.start!).toLocaleString()} — in progress`
              }
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
};
