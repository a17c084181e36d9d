import { List, ListItem, ListItemText, useTheme } from '@material-ui/core';
import { TimelineItem } from './timelineItems';

/**
 * The host's operations and events, newest first, each with a marker in
 * the theme's status colour of how it went.
 */
export const HostTimeline = ({ items }: { items: TimelineItem[] }) => {
  const theme = useTheme();
  const status = theme.palette.status as
    | Record<'ok' | 'running' | 'warning' | 'error', string>
    | undefined;
  const colorOf = (tone: TimelineItem['tone']) =>
    status?.[tone] ??
    {
      ok: theme.palette.success.main,
      running: theme.palette.info.main,
      warning: theme.palette.warning.main,
      error: theme.palette.error.main,
    }[tone];
  return (
    <List dense aria-label="host timeline">
      {items.map(item => (
        <ListItem
          key={item.key}
          style={{ borderLeft: `4px solid ${colorOf(item.tone)}` }}
        >
          <ListItemText
            primary={`${new Date(item.at).toLocaleString()} · ${
              item.source === 'operation' ? 'Operation' : 'Event'
            }: ${item.title}`}
            secondary={item.detail}
          />
        </ListItem>
      ))}
    </List>
  );
};
