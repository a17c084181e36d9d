import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
  useTemplateSecrets,
} from '@backstage/plugin-scaffolder-react';
import {
  Box,
  Button,
  FormControl,
  LinearProgress,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { parseBmcAddress } from '@metal3-fleet/plugin-metal3-common';
import { errorMessage } from '../../lib/errorMessage';
import { BootMacCandidates } from './BootMacCandidates';
import {
  pickBootMac,
  publishBootMacCandidates,
  useBootMacListened,
} from './bootMacChannel';
import { asString, siblingValue } from './formData';
import { PreflightChecks } from './PreflightChecks';
import { usePreflight } from './usePreflight';
import { useEffect } from 'react';

/** `ui:options` of Metal3BmcAddress; every key names a sibling. */
export interface Metal3BmcAddressUiOptions {
  /** Form field with the BMC user name. Default `bmcUsername`. */
  usernameField?: string;
  /** Secret (`ui:field: Secret`) with the BMC password. Default `bmcPassword`. */
  passwordSecret?: string;
  /** Boolean form field "skip certificate verification". Default `disableCertificateVerification`. */
  insecureField?: string;
  /** Form field carrying `ui:field: Metal3BootMac`. Default `bootMACAddress`. */
  bootMacField?: string;
}

/** The password lives in the scaffolder's secrets, never in the form data. */
function usePassword(secretName: string): string | undefined {
  return asString(useTemplateSecrets().secrets[secretName]);
}

/**
 * BMC address with a live preflight: when the user leaves the field or
 * presses "Check BMC", the backend checks the address, the port, TLS, the
 * credentials and the system, and lists the NICs; picking one fills the boot
 * MAC field beside it. The syntax is checked as the user types, in the
 * browser; the password only goes out on those two actions.
 */
export const Metal3BmcAddress = (
  props: FieldExtensionComponentProps<string, Metal3BmcAddressUiOptions>,
) => {
  const {
    formData,
    onChange,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const bootMacField = options.bootMacField ?? 'bootMACAddress';
  const address = formData ?? '';
  const parsed = address ? parseBmcAddress(address) : undefined;
  const username = asString(
    siblingValue(props, options.usernameField ?? 'bmcUsername'),
  );
  const password = usePassword(options.passwordSecret ?? 'bmcPassword');
  const insecure =
    siblingValue(
      props,
      options.insecureField ?? 'disableCertificateVerification',
    ) === true;

  const { result, error, running, run, runIfChanged } = usePreflight(
    parsed?.ok
      ? {
          address,
          username,
          password,
          disableCertificateVerification: insecure || undefined,
        }
      : undefined,
  );
  const canPick = useBootMacListened(bootMacField);
  useEffect(() => {
    publishBootMacCandidates(bootMacField, result?.bootMacCandidates ?? []);
  }, [bootMacField, result]);

  const syntaxError = parsed && !parsed.ok ? parsed.message : undefined;
  const summary =
    parsed?.ok &&
    `${parsed.protocol} over ${parsed.transport}, ${parsed.host}:${
      parsed.port
    }${parsed.supportsVirtualMedia ? ', virtual media' : ''}`;

  return (
    <FormControl fullWidth margin="normal" required={required}>
      <TextField
        id={idSchema?.$id}
        label={schema.title ?? 'BMC address'}
        placeholder="redfish-virtualmedia://10.0.0.5/redfish/v1/Systems/1"
        value={address}
        required={required}
        onChange={e => onChange(e.target.value)}
        onBlur={runIfChanged}
        error={Boolean(syntaxError) || (rawErrors?.length ?? 0) > 0}
        helperText={syntaxError ?? summary ?? schema.description}
        inputProps={{ 'aria-label': 'BMC address' }}
      />
      <Box mt={1}>
        <Button
          size="small"
          variant="outlined"
          // Keeps the focus in the address field: a click must not also count
          // as leaving it, which would send the request twice.
          onMouseDown={e => e.preventDefault()}
          onClick={run}
          disabled={running || !parsed?.ok}
        >
          Check BMC
        </Button>
        {parsed?.ok && (!username || !password) && (
          // Said before the check, not after: without both only the address,
          // port and TLS are checked. It also shows when the password has not
          // reached the scaffolder's secrets yet (its field applies a typed
          // value 300 ms later), so nobody checks with a stale password.
          <Typography variant="caption" display="block">
            Enter the BMC user and password to check the credentials too.
          </Typography>
        )}
      </Box>
      {running && <LinearProgress aria-label="checking the BMC" />}
      {error && (
        <Alert severity="error">Preflight failed: {errorMessage(error)}</Alert>
      )}
      {result && (
        <Box mt={1}>
          <Alert severity={result.ok ? 'success' : 'error'}>
            {result.ok
              ? `The BMC answers${
                  result.system?.manufacturer
                    ? `: ${result.system.manufacturer} ${
                        result.system.model ?? ''
                      }`.trimEnd()
                    : ''
                }${
                  result.system?.powerState
                    ? `, power ${result.system.powerState}`
                    : ''
                }`
              : 'The BMC is not ready for enrollment: see the failed checks.'}
          </Alert>
          <PreflightChecks checks={result.checks} />
          {result.systemChoices && result.systemChoices.length > 0 && (
            <Typography variant="body2">
              This BMC manages several systems; add one to the address:{' '}
              {result.systemChoices.join(', ')}
            </Typography>
          )}
          <BootMacCandidates
            candidates={result.bootMacCandidates}
            chosen={asString(siblingValue(props, bootMacField))}
            canPick={canPick}
            onPick={mac => pickBootMac(bootMacField, mac)}
          />
        </Box>
      )}
    </FormControl>
  );
};

/** Refuses an address BMO would reject, with the parser's reason. */
export const validateBmcAddress: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  if (!value) return;
  const parsed = parseBmcAddress(value);
  if (!parsed.ok) validation.addError(parsed.message);
};
