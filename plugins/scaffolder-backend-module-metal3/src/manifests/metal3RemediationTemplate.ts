import { CapiVersion, goDuration, infraApiVersion } from './capi';
import { FieldError, fieldProblem, throwIfInvalid } from './fieldErrors';

export interface RemediationInput {
  name: string;
  namespace: string;
  /** Reboots before the Machine is replaced (CAPM3 minimum 1). */
  retryLimit: number;
  /** How long a reboot may take to bring the node back (CAPM3 minimum 100). */
  timeoutSeconds: number;
}

export function validateRemediation(
  input: Pick<RemediationInput, 'retryLimit' | 'timeoutSeconds'>,
  field = 'remediation',
): FieldError[] {
  const errors: FieldError[] = [];
  if (
    !Number.isInteger(input.retryLimit) ||
    input.retryLimit < 1 ||
    input.retryLimit > 10
  ) {
    errors.push(
      fieldProblem(
        `${field}.retryLimit`,
        `${input.retryLimit} is not between 1 and 10`,
      ),
    );
  }
  if (!Number.isInteger(input.timeoutSeconds) || input.timeoutSeconds < 100) {
    errors.push(
      fieldProblem(
        `${field}.timeoutSeconds`,
        `${input.timeoutSeconds} is below CAPM3's minimum of 100`,
      ),
    );
  }
  return errors;
}

/**
 * Reboot remediation through the BMC (the only strategy CAPM3 has): v1beta2
 * takes `timeoutSeconds`, v1beta1 a Go duration `timeout`.
 */
export function buildMetal3RemediationTemplate(
  input: RemediationInput,
  v: CapiVersion,
) {
  throwIfInvalid(validateRemediation(input));
  return {
    apiVersion: infraApiVersion(v),
    kind: 'Metal3RemediationTemplate',
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      template: {
        spec: {
          strategy: {
            type: 'Reboot',
            retryLimit: input.retryLimit,
            ...(v === 'v1beta2'
              ? { timeoutSeconds: input.timeoutSeconds }
              : { timeout: goDuration(input.timeoutSeconds) }),
          },
        },
      },
    },
  };
}
