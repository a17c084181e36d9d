import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useApi } from '@backstage/frontend-plugin-api';
import { FormControl, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { PoolSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { asString, siblingValue } from './formData';

/** `ui:options` of Metal3PoolPicker. */
export interface Metal3PoolPickerUiOptions {
  /** Form field with the cluster to list pools of. Default `cluster`. */
  clusterField?: string;
}

/** "3/3 ready, 4 free hosts": what a scale-up can count on. */
export const poolCapacity = (p: PoolSummaryDto) =>
  `${p.readyReplicas}/${p.desiredReplicas} ready, ${
    p.freeMatchingHosts
  } free matching host${p.freeMatchingHosts === 1 ? '' : 's'}${
    p.health.code === 'healthy' ? '' : `, ${p.health.label}`
  }`;

/**
 * Picks a worker pool (MachineDeployment) by name, each option showing its
 * replicas and how many free hosts match its selector.
 */
export const Metal3PoolPicker = (
  props: FieldExtensionComponentProps<string, Metal3PoolPickerUiOptions>,
) => {
  const { formData, onChange, required, rawErrors, schema, uiSchema } = props;
  const metal3Api = useApi(metal3ApiRef);
  const cluster = asString(
    siblingValue(props, uiSchema?.['ui:options']?.clusterField ?? 'cluster'),
  );
  const {
    value: pools = [],
    loading,
    error,
  } = useAsync(() => metal3Api.listPools(), [metal3Api]);
  const options = pools.filter(p => !cluster || p.cluster === cluster);
  const selected = options.find(p => p.name === formData) ?? null;

  return (
    <FormControl fullWidth margin="normal" required={required}>
      <Autocomplete
        options={options}
        value={selected}
        loading={loading}
        getOptionLabel={p => p.name}
        getOptionSelected={(a, b) =>
          a.cluster === b.cluster &&
          a.namespace === b.namespace &&
          a.name === b.name
        }
        renderOption={p => (
          <div>
            <div>{p.name}</div>
            <small>
              {poolCapacity(p)} · {p.cluster}/{p.namespace}
            </small>
          </div>
        )}
        onChange={(_e, p) => onChange(p?.name ?? '')}
        renderInput={params => (
          <TextField
            {...params}
            label={schema.title ?? 'Pool'}
            required={required}
            error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
            helperText={
              error
                ? `Could not list pools: ${errorMessage(error)}`
                : (selected && poolCapacity(selected)) ||
                  (!loading && options.length === 0
                    ? `No pool${cluster ? ` in cluster ${cluster}` : ''}`
                    : schema.description)
            }
          />
        )}
      />
    </FormControl>
  );
};
