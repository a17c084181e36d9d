import { Chip, makeStyles, Typography } from '@material-ui/core';
import { HostListResponse } from '@metal3-fleet/plugin-metal3-common';

export interface FleetCountsProps {
  facets?: HostListResponse['facets'];
  selected: { status?: string[]; pool?: string[] };
  onToggle(facet: 'status' | 'pool', value: string): void;
}

// Static classes, not Box: a Box builds a style sheet per instance.
const useStyles = makeStyles(theme => ({
  column: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

const FacetChips = ({
  title,
  counts,
  selected,
  onToggle,
}: {
  title: string;
  counts: Record<string, number>;
  selected: string[];
  onToggle(value: string): void;
}) => (
  <div className={useStyles().row} aria-label={`hosts by ${title}`}>
    <Typography variant="caption">By {title}:</Typography>
    {Object.entries(counts).map(([value, count]) => (
      <Chip
        key={value}
        size="small"
        label={`${value}: ${count}`}
        clickable
        color={selected.includes(value) ? 'primary' : 'default'}
        onClick={() => onToggle(value)}
      />
    ))}
  </div>
);

/**
 * Host counts by status and by pool from the API's facets; a click filters
 * on that value, a second click clears it.
 */
export const FleetCounts = ({
  facets,
  selected,
  onToggle,
}: FleetCountsProps) => (
  <div className={useStyles().column}>
    <FacetChips
      title="status"
      counts={facets?.status ?? {}}
      selected={selected.status ?? []}
      onToggle={v => onToggle('status', v)}
    />
    {Object.keys(facets?.pool ?? {}).length > 0 && (
      <FacetChips
        title="pool"
        counts={facets!.pool}
        selected={selected.pool ?? []}
        onToggle={v => onToggle('pool', v)}
      />
    )}
  </div>
);
