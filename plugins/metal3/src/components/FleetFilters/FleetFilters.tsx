import {
  Checkbox,
  FormControl,
  FormControlLabel,
  Grid,
  InputLabel,
  ListItemText,
  MenuItem,
  Select,
  TextField,
} from '@material-ui/core';
import { HostListResponse } from '@metal3-fleet/plugin-metal3-common';
import { useEffect, useState } from 'react';
import { HostListParams } from '../../api';
import { RunbookFilterToggles } from './RunbookFilterToggles';
import { FacetKey } from './useFleetFilters';

const FACETS: { key: FacetKey; label: string }[] = [
  { key: 'status', label: 'Status' },
  { key: 'cluster', label: 'Cluster' },
  { key: 'pool', label: 'Pool' },
  { key: 'vendor', label: 'Vendor' },
  { key: 'protocol', label: 'BMC' },
];

export interface FleetFiltersProps {
  params: HostListParams;
  facets?: HostListResponse['facets'];
  onChange(change: Record<string, string[] | string | boolean>): void;
}

/**
 * Search box (free text: `dell -gpu pool:workers status:error`) and one
 * multi-select per facet, each option with its count.
 */
export const FleetFilters = ({
  params,
  facets,
  onChange,
}: FleetFiltersProps) => {
  const [text, setText] = useState(params.q ?? '');
  useEffect(() => setText(params.q ?? ''), [params.q]);
  // Search as you type, without a request per keystroke.
  useEffect(() => {
    if (text === (params.q ?? '')) return undefined;
    const timer = setTimeout(() => onChange({ q: text }), 300);
    return () => clearTimeout(timer);
  }, [text, params.q, onChange]);

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item xs={12} md={4}>
        <TextField
          fullWidth
          label="Search"
          placeholder="dell -gpu pool:workers status:error"
          value={text}
          onChange={e => setText(e.target.value)}
          inputProps={{ 'aria-label': 'search hosts' }}
          helperText="field:value (status, pool, cluster, vendor, protocol, power, owner, label:key=value), is:attention, is:noncompliant, is:drift; -word excludes"
        />
      </Grid>
      {FACETS.map(({ key, label }) => {
        const counts = facets?.[key] ?? {};
        const selected = (params[key] as string[] | undefined) ?? [];
        const options = [
          ...new Set([...Object.keys(counts), ...selected]),
        ].sort();
        return (
          <Grid item xs={6} md={1} key={key} style={{ minWidth: 140 }}>
            <FormControl fullWidth>
              <InputLabel id={`facet-${key}`}>{label}</InputLabel>
              <Select
                labelId={`facet-${key}`}
                multiple
                value={selected}
                onChange={e => onChange({ [key]: e.target.value as string[] })}
                renderValue={value => (value as string[]).join(', ')}
              >
                {options.map(option => (
                  <MenuItem key={option} value={option}>
                    <Checkbox
                      checked={selected.includes(option)}
                      size="small"
                    />
                    <ListItemText
                      primary={`${option} (${counts[option] ?? 0})`}
                    />
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          </Grid>
        );
      })}
      <Grid item>
        <FormControlLabel
          control={
            <Checkbox
              checked={Boolean(params.attention)}
              onChange={e => onChange({ attention: e.target.checked })}
            />
          }
          label="Needs attention"
        />
        <RunbookFilterToggles q={text} onChange={q => onChange({ q })} />
      </Grid>
    </Grid>
  );
};
