import {
  LabelSelector,
  validateLabelName,
  validateSubdomainName,
} from '@metal3-fleet/plugin-metal3-common';
import { CapiVersion } from './capi';
import { FieldError, fieldProblem, throwIfInvalid } from './fieldErrors';
import { buildIPPool, validateIPPool } from './ipPool';
import {
  buildMachineDeployment,
  validateMachineDeployment,
} from './machineDeployment';
import {
  buildMachineHealthCheck,
  validateHealthCheck,
} from './machineHealthCheck';
import {
  buildMetal3DataTemplate,
  PoolNic,
  validateNics,
} from './metal3DataTemplate';
import {
  buildMetal3MachineTemplate,
  MachineImage,
  validateHostSelector,
  validateImage,
} from './metal3MachineTemplate';
import {
  buildMetal3RemediationTemplate,
  validateRemediation,
} from './metal3RemediationTemplate';
import { buildUserDataSecret, validateRke2Join } from './userDataSecret';

/** Everything an operator decides to create a worker pool. */
export interface WorkerPoolInput {
  name: string;
  namespace: string;
  /** The CAPI Cluster the pool joins. */
  clusterName: string;
  replicas: number;
  kubernetesVersion: string;
  hostSelector: LabelSelector;
  image: MachineImage;
  ipPool: {
    start: string;
    end: string;
    prefix: number;
    gateway?: string;
    dnsServers?: string[];
  };
  nics: PoolNic[];
  join: {
    serverUrl: string;
    /** Secret (same namespace) holding the RKE2 join token; its value is read, never typed. */
    tokenSecretName: string;
    tokenSecretKey?: string;
  };
  nodeLabels?: Record<string, string>;
  automatedCleaningMode?: 'metadata' | 'disabled';
  maxSurge?: number;
  maxUnavailable?: number;
  remediation?: { retryLimit?: number; timeoutSeconds?: number };
  healthCheck?: {
    unhealthySeconds?: number;
    nodeStartupSeconds?: number;
    maxUnhealthy?: number | string;
  };
}

/** The names of the pool's objects, derived from the pool name. */
export function poolObjectNames(name: string) {
  return {
    ipPool: `${name}-pool`,
    dataTemplate: `${name}-data`,
    machineTemplate: `${name}-v1`,
    userData: `${name}-userdata`,
    remediationTemplate: `${name}-reboot`,
    healthCheck: `${name}-mhc`,
    machineDeployment: name,
  };
}

const withDefaults = (input: WorkerPoolInput) => ({
  remediation: {
    retryLimit: input.remediation?.retryLimit ?? 2,
    timeoutSeconds: input.remediation?.timeoutSeconds ?? 600,
  },
  healthCheck: {
    unhealthySeconds: input.healthCheck?.unhealthySeconds ?? 300,
    nodeStartupSeconds: input.healthCheck?.nodeStartupSeconds ?? 3600,
    maxUnhealthy: input.healthCheck?.maxUnhealthy ?? 1,
  },
});

/** Every problem of the request at once, each naming its input field. */
export function validateWorkerPool(input: WorkerPoolInput): FieldError[] {
  const names = poolObjectNames(input.name ?? '');
  const defaults = withDefaults(input);
  const errors: (FieldError | undefined)[] = [
    validateLabelName(input.namespace, 'namespace'),
    // The pool name ends up in label values and object names with suffixes.
    input.name && input.name.length > 50
      ? fieldProblem('name', 'must be no more than 50 characters')
      : undefined,
    ...validateMachineDeployment({
      name: input.name,
      namespace: input.namespace,
      clusterName: input.clusterName,
      replicas: input.replicas,
      version: input.kubernetesVersion,
      templateName: names.machineTemplate,
      userDataSecretName: names.userData,
      maxSurge: input.maxSurge,
      maxUnavailable: input.maxUnavailable,
    }),
    ...validateHostSelector(input.hostSelector),
    ...validateImage(input.image),
    ...validateIPPool({
      ...input.ipPool,
      name: names.ipPool,
      namespace: input.namespace,
      clusterName: input.clusterName,
    }),
    ...validateNics(input.nics),
    ...validateRke2Join({
      name: names.userData,
      namespace: input.namespace,
      clusterName: input.clusterName,
      serverUrl: input.join?.serverUrl,
    }),
    validateSubdomainName(input.join?.tokenSecretName, 'join.tokenSecretName'),
    ...validateRemediation(defaults.remediation),
    ...validateHealthCheck(defaults.healthCheck),
  ];
  return errors.filter((e): e is FieldError => Boolean(e));
}

/**
 * The manifests of a new pool in creation order: what a Machine refers to
 * exists before the MachineDeployment that creates Machines. The user-data
 * Secret is only built when the join token is given (see buildUserDataSecret).
 */
export function buildWorkerPool(
  input: WorkerPoolInput,
  v: CapiVersion,
  joinToken?: string,
) {
  throwIfInvalid(validateWorkerPool(input));
  const names = poolObjectNames(input.name);
  const defaults = withDefaults(input);
  const { namespace, clusterName } = input;
  const ipPool = buildIPPool({
    ...input.ipPool,
    name: names.ipPool,
    namespace,
    clusterName,
  });
  return {
    ipPool,
    dataTemplate: buildMetal3DataTemplate(
      {
        name: names.dataTemplate,
        namespace,
        clusterName,
        ipPoolName: names.ipPool,
        defaultRoute: Boolean(input.ipPool.gateway),
        nics: input.nics,
      },
      v,
    ),
    machineTemplate: buildMetal3MachineTemplate(
      {
        name: names.machineTemplate,
        namespace,
        clusterName,
        hostSelector: input.hostSelector,
        image: input.image,
        dataTemplateName: names.dataTemplate,
        automatedCleaningMode: input.automatedCleaningMode,
      },
      v,
    ),
    userData:
      joinToken === undefined
        ? undefined
        : buildUserDataSecret(
            {
              name: names.userData,
              namespace,
              clusterName,
              serverUrl: input.join.serverUrl,
              nodeLabels: input.nodeLabels,
            },
            joinToken,
          ),
    remediationTemplate: buildMetal3RemediationTemplate(
      { name: names.remediationTemplate, namespace, ...defaults.remediation },
      v,
    ),
    machineDeployment: buildMachineDeployment(
      {
        name: input.name,
        namespace,
        clusterName,
        replicas: input.replicas,
        version: input.kubernetesVersion,
        templateName: names.machineTemplate,
        userDataSecretName: names.userData,
        maxSurge: input.maxSurge,
        maxUnavailable: input.maxUnavailable,
      },
      v,
    ),
    healthCheck: buildMachineHealthCheck(
      {
        name: names.healthCheck,
        namespace,
        clusterName,
        deploymentName: input.name,
        remediationTemplateName: names.remediationTemplate,
        ...defaults.healthCheck,
      },
      v,
    ),
  };
}

export type WorkerPoolManifests = ReturnType<typeof buildWorkerPool>;

/** The manifests in the order they must be created. */
export function creationOrder(pool: WorkerPoolManifests) {
  return [
    pool.ipPool,
    pool.dataTemplate,
    pool.machineTemplate,
    ...(pool.userData ? [pool.userData] : []),
    pool.remediationTemplate,
    pool.machineDeployment,
    pool.healthCheck,
  ] as {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: string };
  }[];
}
