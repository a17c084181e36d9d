import {
  CapiVersion,
  capiApiVersion,
  CLUSTER_NAME_LABEL,
  DEPLOYMENT_NAME_LABEL,
  goDuration,
  infraApiVersion,
} from './capi';
import { FieldError, fieldProblem, throwIfInvalid } from './fieldErrors';

export interface HealthCheckInput {
  name: string;
  namespace: string;
  clusterName: string;
  deploymentName: string;
  remediationTemplateName: string;
  /** How long Ready may be False or Unknown before remediation. */
  unhealthySeconds: number;
  /** How long a new machine may take to join (bare metal boots slowly). */
  nodeStartupSeconds: number;
  /** Remediate only while at most this many machines are unhealthy (a number or a percentage). */
  maxUnhealthy: number | string;
}

export function validateHealthCheck(
  input: Pick<
    HealthCheckInput,
    'unhealthySeconds' | 'nodeStartupSeconds' | 'maxUnhealthy'
  >,
  field = 'healthCheck',
): FieldError[] {
  const errors: FieldError[] = [];
  if (
    !Number.isInteger(input.unhealthySeconds) ||
    input.unhealthySeconds < 60
  ) {
    errors.push(
      fieldProblem(
        `${field}.unhealthySeconds`,
        `${input.unhealthySeconds} is below 60 seconds`,
      ),
    );
  }
  if (
    !Number.isInteger(input.nodeStartupSeconds) ||
    input.nodeStartupSeconds < 600
  ) {
    errors.push(
      fieldProblem(
        `${field}.nodeStartupSeconds`,
        `${input.nodeStartupSeconds} is below 600 seconds; a bare-metal boot takes longer`,
      ),
    );
  }
  const max = input.maxUnhealthy;
  if (
    !(typeof max === 'number' && Number.isInteger(max) && max >= 0) &&
    !(typeof max === 'string' && /^(100|[1-9]?\d)%$/.test(max))
  ) {
    errors.push(
      fieldProblem(
        `${field}.maxUnhealthy`,
        `${max} is not a count or a percentage such as 40%`,
      ),
    );
  }
  return errors;
}

/**
 * The MachineHealthCheck of one pool: Ready False/Unknown beyond the timeout
 * sends the machine to Metal3 reboot remediation. v1beta2 groups the checks
 * and the remediation and counts seconds; v1beta1 uses Go durations.
 */
export function buildMachineHealthCheck(
  input: HealthCheckInput,
  v: CapiVersion,
) {
  throwIfInvalid(validateHealthCheck(input));
  const metadata = {
    name: input.name,
    namespace: input.namespace,
    labels: { [CLUSTER_NAME_LABEL]: input.clusterName },
  };
  const selector = {
    matchLabels: { [DEPLOYMENT_NAME_LABEL]: input.deploymentName },
  };
  const templateRef = {
    apiVersion: infraApiVersion(v),
    kind: 'Metal3RemediationTemplate',
    name: input.remediationTemplateName,
  };
  const conditions = ['False', 'Unknown'].map(status => ({
    type: 'Ready',
    status,
  }));
  if (v === 'v1beta2') {
    return {
      apiVersion: capiApiVersion(v),
      kind: 'MachineHealthCheck',
      metadata,
      spec: {
        clusterName: input.clusterName,
        selector,
        checks: {
          nodeStartupTimeoutSeconds: input.nodeStartupSeconds,
          unhealthyNodeConditions: conditions.map(c => ({
            ...c,
            timeoutSeconds: input.unhealthySeconds,
          })),
        },
        remediation: {
          triggerIf: { unhealthyLessThanOrEqualTo: input.maxUnhealthy },
          templateRef,
        },
      },
    };
  }
  return {
    apiVersion: capiApiVersion(v),
    kind: 'MachineHealthCheck',
    metadata,
    spec: {
      clusterName: input.clusterName,
      selector,
      maxUnhealthy: input.maxUnhealthy,
      nodeStartupTimeout: goDuration(input.nodeStartupSeconds),
      unhealthyConditions: conditions.map(c => ({
        ...c,
        timeout: goDuration(input.unhealthySeconds),
      })),
      remediationTemplate: { ...templateRef, namespace: input.namespace },
    },
  };
}
