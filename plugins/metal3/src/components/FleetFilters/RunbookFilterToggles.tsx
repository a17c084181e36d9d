import { Checkbox, FormControlLabel, Tooltip } from '@material-ui/core';
import {
  FLEET_FINDING_FILTERS,
  FleetFindingFilter,
} from '@metal3-fleet/plugin-metal3-common';
import { hasQueryToken, setQueryToken } from './queryTokens';

const LABELS: Record<FleetFindingFilter, string> = {
  'is:noncompliant': 'Noncompliant node labels',
  'is:drift': 'Drift',
};

/**
 * The runbook's fleet filters as checkboxes: each adds or removes its token
 * in the search text, so the URL, the search box and the API say the same.
 */
export const RunbookFilterToggles = ({
  q,
  onChange,
}: {
  q: string | undefined;
  onChange(q: string): void;
}) => (
  <>
    {(Object.keys(LABELS) as FleetFindingFilter[]).map(token => (
      <Tooltip key={token} title={FLEET_FINDING_FILTERS[token].description}>
        <FormControlLabel
          control={
            <Checkbox
              checked={hasQueryToken(q, token)}
              onChange={e =>
                onChange(setQueryToken(q, token, e.target.checked))
              }
            />
          }
          label={LABELS[token]}
        />
      </Tooltip>
    ))}
  </>
);
