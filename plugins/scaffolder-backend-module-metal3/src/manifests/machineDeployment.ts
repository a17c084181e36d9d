import { validateSubdomainName } from '@metal3-fleet/plugin-metal3-common';
import {
  CapiVersion,
  capiApiVersion,
  CLUSTER_NAME_LABEL,
  contractRef,
  DEPLOYMENT_NAME_LABEL,
  INFRA_GROUP,
} from './capi';
import { FieldError, fieldProblem, throwIfInvalid } from './fieldErrors';

export interface MachineDeploymentInput {
  name: string;
  namespace: string;
  clusterName: string;
  replicas: number;
  /** Kubernetes version of the machines, e.g. v1.33.0+rke2r1. */
  version: string;
  templateName: string;
  userDataSecretName: string;
  /**
   * Extra machines during a rollout. 0 by default: a surge machine needs a
   * spare available host, without one the rollout stalls.
   */
  maxSurge?: number;
  maxUnavailable?: number;
}

const VERSION = /^v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/;

export function validateKubernetesVersion(
  version: string,
  field = 'kubernetesVersion',
): FieldError[] {
  return VERSION.test(version ?? '')
    ? []
    : [
        fieldProblem(
          field,
          `"${
            version ?? ''
          }" is not a Kubernetes version such as v1.33.0+rke2r1`,
        ),
      ];
}

export function validateMachineDeployment(
  input: MachineDeploymentInput,
): FieldError[] {
  const errors: (FieldError | undefined)[] = [
    validateSubdomainName(input.name, 'name'),
    validateSubdomainName(input.clusterName, 'clusterName'),
    ...validateKubernetesVersion(input.version),
  ];
  if (input.name && input.name.length > 63) {
    errors.push(
      fieldProblem(
        'name',
        'must be no more than 63 characters (it becomes a label value)',
      ),
    );
  }
  if (!Number.isInteger(input.replicas) || input.replicas < 0) {
    errors.push(
      fieldProblem('replicas', `${input.replicas} is not a whole number ≥ 0`),
    );
  }
  const surge = input.maxSurge ?? 0;
  const unavailable = input.maxUnavailable ?? 1;
  for (const [key, value] of [
    ['maxSurge', surge],
    ['maxUnavailable', unavailable],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      errors.push(fieldProblem(key, `${value} is not a whole number ≥ 0`));
    }
  }
  if (surge === 0 && unavailable === 0) {
    errors.push(
      fieldProblem(
        'maxUnavailable',
        'maxSurge and maxUnavailable cannot both be 0',
      ),
    );
  }
  return errors.filter((e): e is FieldError => Boolean(e));
}

/**
 * The worker pool itself. Bootstrap data is a ready-made Secret
 * (`dataSecretName`, RKE2 agent join) rather than a bootstrap provider
 * config. v1beta2 moved `strategy` to `rollout.strategy` and refs to `apiGroup`.
 */
export function buildMachineDeployment(
  input: MachineDeploymentInput,
  v: CapiVersion,
) {
  throwIfInvalid(validateMachineDeployment(input));
  const labels = { [DEPLOYMENT_NAME_LABEL]: input.name };
  const strategy = {
    type: 'RollingUpdate',
    rollingUpdate: {
      maxSurge: input.maxSurge ?? 0,
      maxUnavailable: input.maxUnavailable ?? 1,
    },
  };
  return {
    apiVersion: capiApiVersion(v),
    kind: 'MachineDeployment',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: { [CLUSTER_NAME_LABEL]: input.clusterName },
    },
    spec: {
      clusterName: input.clusterName,
      replicas: input.replicas,
      selector: { matchLabels: labels },
      ...(v === 'v1beta2' ? { rollout: { strategy } } : { strategy }),
      template: {
        metadata: {
          labels: { ...labels, [CLUSTER_NAME_LABEL]: input.clusterName },
        },
        spec: {
          clusterName: input.clusterName,
          version: input.version,
          bootstrap: { dataSecretName: input.userDataSecretName },
          infrastructureRef: contractRef(
            v,
            INFRA_GROUP,
            'Metal3MachineTemplate',
            input.templateName,
          ),
        },
      },
    },
  };
}
