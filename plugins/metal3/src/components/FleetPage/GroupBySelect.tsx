import { FormControl, InputLabel, MenuItem, Select } from '@material-ui/core';
import { GROUPS, GroupBy, isGroupBy } from '../HostTable';

/** Picks the grouping of the fleet table, or none. */
export const GroupBySelect = ({
  value,
  onChange,
}: {
  value?: GroupBy;
  onChange(value?: GroupBy): void;
}) => (
  <FormControl style={{ minWidth: 140 }}>
    <InputLabel id="fleet-group-by">Group by</InputLabel>
    <Select
      labelId="fleet-group-by"
      value={value ?? ''}
      onChange={e => {
        const next = e.target.value;
        onChange(isGroupBy(next) ? next : undefined);
      }}
    >
      <MenuItem value="">None</MenuItem>
      {(Object.keys(GROUPS) as GroupBy[]).map(key => (
        <MenuItem key={key} value={key}>
          {GROUPS[key].label}
        </MenuItem>
      ))}
    </Select>
  </FormControl>
);
