import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useApi } from '@backstage/frontend-plugin-api';
import { FormControl, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { asString, siblingValue } from './formData';

/** `ui:options` of Metal3HostPicker. */
export interface Metal3HostPickerUiOptions {
  /** Host status codes to offer. Default: every status. */
  status?: string[];
  /** Form field with the cluster to search. Default `cluster`. */
  clusterField?: string;
  /** Form field with a pool name: offer only its members. */
  poolField?: string;
}

/** How many hosts one search returns; typing narrows it. */
export const HOST_PICKER_LIMIT = 50;

export const hostDescription = (h: HostSummaryDto) =>
  [
    h.status.label,
    h.pool ? `pool ${h.pool.name}` : 'no pool',
    [h.hardware?.manufacturer, h.hardware?.productName]
      .filter(Boolean)
      .join(' '),
    h.hardware?.cpuCores ? `${h.hardware.cpuCores} cores` : undefined,
    h.hardware?.ramGiB ? `${h.hardware.ramGiB} GiB` : undefined,
    `${h.cluster}/${h.namespace}`,
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * Picks one BareMetalHost by name, searching the fleet on the server as the
 * user types (the fleet may hold thousands of hosts).
 */
export const Metal3HostPicker = (
  props: FieldExtensionComponentProps<string, Metal3HostPickerUiOptions>,
) => {
  const { formData, onChange, required, rawErrors, schema, uiSchema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const metal3Api = useApi(metal3ApiRef);
  const cluster = asString(
    siblingValue(props, options.clusterField ?? 'cluster'),
  );
  const pool = asString(siblingValue(props, options.poolField));
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  useDebounce(() => setQuery(input), 300, [input]);
  const status = options.status ?? [];

  const { value, loading, error } = useAsync(
    () =>
      metal3Api.listHosts({
        q: query && query !== formData ? query : undefined,
        status: status.length ? status : undefined,
        cluster: cluster ? [cluster] : undefined,
        pool: pool ? [pool] : undefined,
        limit: HOST_PICKER_LIMIT,
      }),
    [metal3Api, query, cluster, pool, status.join(',')],
  );
  const hosts = value?.items ?? [];
  const selected =
    hosts.find(h => h.name === formData) ??
    (formData ? ({ name: formData } as HostSummaryDto) : null);

  const helperText = () => {
    if (error) return `Could not list hosts: ${errorMessage(error)}`;
    if (selected?.status) return hostDescription(selected);
    if (value?.total === 0) return 'No host matches';
    if (value && value.total > hosts.length)
      return `${value.total} hosts match; type to narrow`;
    return schema.description;
  };

  return (
    <FormControl fullWidth margin="normal" required={required}>
      <Autocomplete
        options={hosts}
        value={selected}
        loading={loading}
        filterOptions={x => x /* the server filters */}
        getOptionLabel={h => h.name}
        getOptionSelected={(a, b) => a.name === b.name}
        inputValue={input}
        onInputChange={(_e, text) => setInput(text)}
        renderOption={h => (
          <div>
            <div>{h.name}</div>
            <small>{hostDescription(h)}</small>
          </div>
        )}
        onChange={(_e, h) => onChange(h?.name ?? '')}
        renderInput={params => (
          <TextField
            {...params}
            label={schema.title ?? 'Host'}
            required={required}
            error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
            helperText={helperText()}
          />
        )}
      />
    </FormControl>
  );
};
