import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { FormControl, MenuItem, TextField } from '@material-ui/core';
import { validateBootMac } from '@metal3-fleet/plugin-metal3-common';
import { useCallback } from 'react';
import { useBootMacCandidates, useBootMacPicks } from './bootMacChannel';

/**
 * The boot MAC field that pairs with Metal3BmcAddress: a text field (a MAC
 * can always be typed) that takes the NIC picked in the address field's
 * preflight, and offers the same NICs in a menu.
 */
export const Metal3BootMac = (props: FieldExtensionComponentProps<string>) => {
  const { formData, onChange, required, rawErrors, schema, name, idSchema } =
    props;
  const candidates = useBootMacCandidates(name);
  const take = useCallback((mac: string) => onChange(mac), [onChange]);
  useBootMacPicks(name, take);
  const value = formData ?? '';
  const check = value ? validateBootMac(value) : undefined;
  const known = candidates.some(
    c => c.mac.toLowerCase() === value.toLowerCase(),
  );

  return (
    <FormControl fullWidth margin="normal" required={required}>
      <TextField
        id={idSchema?.$id}
        label={schema.title ?? 'Boot MAC address'}
        value={value}
        required={required}
        onChange={e => onChange(e.target.value)}
        error={(check && !check.ok) || (rawErrors?.length ?? 0) > 0}
        helperText={
          check && !check.ok
            ? check.message
            : schema.description ??
              'MAC of the NIC the server boots from; pick one found by the BMC check'
        }
        inputProps={{ 'aria-label': 'boot MAC address' }}
      />
      {candidates.length > 0 && (
        <TextField
          select
          label="NICs found by the BMC check"
          value={known ? value.toLowerCase() : ''}
          onChange={e => onChange(e.target.value)}
          SelectProps={
            { 'aria-label': 'NICs found by the BMC check' } as object
          }
        >
          {candidates.map(nic => (
            <MenuItem key={nic.mac} value={nic.mac.toLowerCase()}>
              {nic.mac}
              {nic.name ? ` (${nic.name})` : ''}
              {nic.note ? ` — ${nic.note}` : ''}
            </MenuItem>
          ))}
        </TextField>
      )}
    </FormControl>
  );
};

/** A MAC the BMO webhook accepts (six colon- or dash-separated hex pairs). */
export const validateBootMacField: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  if (!value) return;
  const check = validateBootMac(value);
  if (!check.ok) validation.addError(check.message);
};
