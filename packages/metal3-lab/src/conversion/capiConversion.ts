import { KubeObject } from '../types';
import {
  deletePath,
  durationToSeconds,
  getPath,
  moveField,
  secondsToDuration,
} from './fieldMoves';

/**
 * Conversion between the v1beta1 and v1beta2 APIs of Cluster API
 * (cluster.x-k8s.io) and CAPM3 (infrastructure.cluster.x-k8s.io), the way
 * their conversion webhooks map the fields (renames listed in
 * ../shared/notes/metal3.md §6.1, §7.3 and §7.4). Fields both versions share
 * pass through unchanged.
 *
 * Not done (the real webhooks do it): the `cluster.x-k8s.io/conversion-data`
 * annotation that makes v1beta2-only fields survive a v1beta1 round trip.
 * A v1beta1 client that writes an object back loses those fields here.
 */

export const CONVERTIBLE_GROUPS = [
  'cluster.x-k8s.io',
  'infrastructure.cluster.x-k8s.io',
];

type Direction = 'up' | 'down';
/** One field rename, read as v1beta1 path → v1beta2 path. */
type Rule = [
  v1beta1: string,
  v1beta2: string,
  kind?: 'duration' | 'ref' | 'nodeRef' | 'negate' | 'templateRef',
];

/** Renames inside each item of a list (paths relative to the item). */
interface ItemRules {
  /** The list, in each version (the list itself may move: see RULES). */
  v1beta1: string;
  v1beta2: string;
  rules: Rule[];
}

const TIMEOUTS = (prefix: string): Rule[] =>
  ['Drain', 'VolumeDetach', 'Deletion'].map(what => [
    `${prefix}node${what}Timeout`,
    `${prefix}deletion.node${what}TimeoutSeconds`,
    'duration',
  ]);

const TEMPLATE_REFS: Rule[] = [
  [
    'spec.template.spec.infrastructureRef',
    'spec.template.spec.infrastructureRef',
    'ref',
  ],
  [
    'spec.template.spec.bootstrap.configRef',
    'spec.template.spec.bootstrap.configRef',
    'ref',
  ],
];

/** Status counters and conditions shared by MachineDeployment and MachineSet. */
const REPLICA_STATUS: Rule[] = [
  ['status.readyReplicas', 'status.deprecated.v1beta1.readyReplicas'],
  ['status.availableReplicas', 'status.deprecated.v1beta1.availableReplicas'],
  ['status.updatedReplicas', 'status.deprecated.v1beta1.updatedReplicas'],
  [
    'status.unavailableReplicas',
    'status.deprecated.v1beta1.unavailableReplicas',
  ],
  [
    'status.fullyLabeledReplicas',
    'status.deprecated.v1beta1.fullyLabeledReplicas',
  ],
  ['status.v1beta2.readyReplicas', 'status.readyReplicas'],
  ['status.v1beta2.availableReplicas', 'status.availableReplicas'],
  ['status.v1beta2.upToDateReplicas', 'status.upToDateReplicas'],
];

const CONDITIONS: Rule[] = [
  ['status.conditions', 'status.deprecated.v1beta1.conditions'],
  ['status.v1beta2.conditions', 'status.conditions'],
];

/** What MachineDeployment and MachineSet share: the machine template and replica status. */
const MACHINE_SET_LIKE: Rule[] = [
  ['spec.minReadySeconds', 'spec.template.spec.minReadySeconds'],
  ['spec.machineNamingStrategy.template', 'spec.machineNaming.template'],
  ...TIMEOUTS('spec.template.spec.'),
  ...TEMPLATE_REFS,
  ...REPLICA_STATUS,
  ...CONDITIONS,
];

/** Failure fields, no longer terminal in v1beta2 (Machine and Metal3Machine). */
const FAILURE: Rule[] = [
  ['status.failureReason', 'status.deprecated.v1beta1.failureReason'],
  ['status.failureMessage', 'status.deprecated.v1beta1.failureMessage'],
];

const RULES: Record<string, Rule[]> = {
  MachineDeployment: [
    ['spec.strategy.type', 'spec.rollout.strategy.type'],
    [
      'spec.strategy.rollingUpdate.maxSurge',
      'spec.rollout.strategy.rollingUpdate.maxSurge',
    ],
    [
      'spec.strategy.rollingUpdate.maxUnavailable',
      'spec.rollout.strategy.rollingUpdate.maxUnavailable',
    ],
    ['spec.strategy.rollingUpdate.deletePolicy', 'spec.deletion.order'],
    ['spec.strategy.remediation.maxInFlight', 'spec.remediation.maxInFlight'],
    ['spec.rolloutAfter', 'spec.rollout.after'],
    ...MACHINE_SET_LIKE,
  ],
  MachineSet: [
    ['spec.deletePolicy', 'spec.deletion.order'],
    ...MACHINE_SET_LIKE,
  ],
  Machine: [
    ...TIMEOUTS('spec.'),
    ['spec.infrastructureRef', 'spec.infrastructureRef', 'ref'],
    ['spec.bootstrap.configRef', 'spec.bootstrap.configRef', 'ref'],
    ['status.nodeRef', 'status.nodeRef', 'nodeRef'],
    [
      'status.bootstrapReady',
      'status.initialization.bootstrapDataSecretCreated',
    ],
    [
      'status.infrastructureReady',
      'status.initialization.infrastructureProvisioned',
    ],
    ...FAILURE,
    ...CONDITIONS,
  ],
  MachineHealthCheck: [
    [
      'spec.nodeStartupTimeout',
      'spec.checks.nodeStartupTimeoutSeconds',
      'duration',
    ],
    ['spec.unhealthyConditions', 'spec.checks.unhealthyNodeConditions'],
    [
      'spec.maxUnhealthy',
      'spec.remediation.triggerIf.unhealthyLessThanOrEqualTo',
    ],
    ['spec.unhealthyRange', 'spec.remediation.triggerIf.unhealthyInRange'],
    ['spec.remediationTemplate', 'spec.remediation.templateRef'],
    ...CONDITIONS,
  ],
  Cluster: [
    ['spec.topology.class', 'spec.topology.classRef.name'],
    ['spec.topology.classNamespace', 'spec.topology.classRef.namespace'],
    ['spec.infrastructureRef', 'spec.infrastructureRef', 'ref'],
    ['spec.controlPlaneRef', 'spec.controlPlaneRef', 'ref'],
    [
      'status.infrastructureReady',
      'status.initialization.infrastructureProvisioned',
    ],
    [
      'status.controlPlaneReady',
      'status.initialization.controlPlaneInitialized',
    ],
    ...CONDITIONS,
  ],
  ClusterClass: [
    [
      'spec.infrastructure.ref',
      'spec.infrastructure.templateRef',
      'templateRef',
    ],
    [
      'spec.infrastructureNamingStrategy.template',
      'spec.infrastructure.naming.template',
    ],
    ['spec.controlPlane.ref', 'spec.controlPlane.templateRef', 'templateRef'],
    [
      'spec.controlPlane.machineInfrastructure.ref',
      'spec.controlPlane.machineInfrastructure.templateRef',
      'templateRef',
    ],
    ...CONDITIONS,
  ],
  Metal3Machine: [
    ['spec.image.format', 'spec.image.diskFormat'],
    ['status.ready', 'status.initialization.provisioned'],
    ...FAILURE,
    ...CONDITIONS,
  ],
  Metal3MachineTemplate: [
    ['spec.template.spec.image.format', 'spec.template.spec.image.diskFormat'],
  ],
  Metal3Cluster: [
    ['spec.noCloudProvider', 'spec.cloudProviderEnabled', 'negate'],
    ['status.ready', 'status.initialization.provisioned'],
    ...CONDITIONS,
  ],
  Metal3Remediation: [
    ['spec.strategy.timeout', 'spec.strategy.timeoutSeconds', 'duration'],
  ],
  Metal3RemediationTemplate: [
    [
      'spec.template.spec.strategy.timeout',
      'spec.template.spec.strategy.timeoutSeconds',
      'duration',
    ],
  ],
};

/** Renames inside list items, done before the kind's RULES move fields. */
const ITEM_RULES: Record<string, ItemRules[]> = {
  // Unhealthy conditions are a list: their `timeout` fields move one by one.
  MachineHealthCheck: [
    {
      v1beta1: 'spec.unhealthyConditions',
      v1beta2: 'spec.checks.unhealthyNodeConditions',
      rules: [['timeout', 'timeoutSeconds', 'duration']],
    },
  ],
  // api/core/v1beta1/conversion.go: a MachineDeploymentClass's `template`
  // ({metadata, bootstrap.ref, infrastructure.ref}) became top-level fields
  // with ClusterClassTemplateReferences.
  ClusterClass: [
    {
      v1beta1: 'spec.workers.machineDeployments',
      v1beta2: 'spec.workers.machineDeployments',
      rules: [
        ['template.bootstrap.ref', 'bootstrap.templateRef', 'templateRef'],
        [
          'template.infrastructure.ref',
          'infrastructure.templateRef',
          'templateRef',
        ],
        ['template.metadata', 'metadata'],
        ['namingStrategy.template', 'naming.template'],
      ],
    },
  ],
};

/** Fields v1beta1 had and v1beta2 dropped without a replacement. */
const DROPPED_IN_V1BETA2: Record<string, string[]> = {
  MachineDeployment: [
    'spec.progressDeadlineSeconds',
    'spec.revisionHistoryLimit',
  ],
  Metal3Machine: ['status.phase'],
};

/**
 * Converts a CAPI or CAPM3 object to `toVersion` (`v1beta1` or `v1beta2`).
 * Objects already in that version, and kinds of other groups, come back as
 * they are (copied).
 */
export function convertCapiObject(
  object: KubeObject,
  toVersion: string,
): KubeObject {
  const [group, fromVersion] = object.apiVersion.split('/');
  const copy = structuredClone(object);
  if (!CONVERTIBLE_GROUPS.includes(group) || fromVersion === toVersion)
    return copy;
  const direction: Direction = toVersion === 'v1beta2' ? 'up' : 'down';
  for (const list of ITEM_RULES[object.kind] ?? []) {
    const items = getPath(
      copy,
      direction === 'up' ? list.v1beta1 : list.v1beta2,
    );
    if (!Array.isArray(items)) continue;
    for (const item of items) applyRules(item, list.rules, direction, object);
  }
  applyRules(copy, RULES[object.kind] ?? [], direction, object);
  if (direction === 'up') {
    for (const path of DROPPED_IN_V1BETA2[object.kind] ?? [])
      deletePath(copy, path);
  }
  copy.apiVersion = `${group}/${toVersion}`;
  return copy;
}

function applyRules(
  target: any,
  rules: Rule[],
  direction: Direction,
  object: KubeObject,
): void {
  for (const [v1beta1, v1beta2, kind] of rules) {
    const [from, to] =
      direction === 'up' ? [v1beta1, v1beta2] : [v1beta2, v1beta1];
    moveField(target, from, to, value =>
      convertValue(value, kind, direction, object),
    );
  }
}

function convertValue(
  value: any,
  kind: Rule[2],
  direction: Direction,
  object: KubeObject,
): unknown {
  switch (kind) {
    case 'duration':
      return direction === 'up'
        ? durationToSeconds(value)
        : secondsToDuration(value);
    case 'negate':
      return typeof value === 'boolean' ? !value : value;
    case 'ref':
      return direction === 'up' ? refUp(value) : refDown(value, object);
    case 'templateRef':
      // ObjectReference ↔ ClusterClassTemplateReference: same fields but
      // the namespace, which v1beta1 fills with the ClusterClass's own.
      return direction === 'up'
        ? templateRefUp(value)
        : { ...value, namespace: object.metadata.namespace };
    case 'nodeRef':
      // v1beta2 keeps only the Node's name; v1beta1 a core ObjectReference.
      return direction === 'up'
        ? { name: value?.name }
        : { apiVersion: 'v1', kind: 'Node', name: value?.name };
    default:
      return value;
  }
}

/** ObjectReference → ContractVersionedObjectReference (group only, no version). */
function refUp(ref: any): unknown {
  if (!ref || typeof ref !== 'object') return ref;
  const apiGroup =
    typeof ref.apiVersion === 'string' && ref.apiVersion.includes('/')
      ? ref.apiVersion.split('/')[0]
      : undefined;
  return {
    ...(apiGroup !== undefined && { apiGroup }),
    ...(ref.kind && { kind: ref.kind }),
    name: ref.name,
  };
}

function templateRefUp(ref: any): unknown {
  if (!ref || typeof ref !== 'object') return ref;
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
}

/**
 * ContractVersionedObjectReference → ObjectReference, in the v1beta1 version
 * of the referenced group (what v1beta1 clients were written against).
 */
function refDown(ref: any, owner: KubeObject): unknown {
  if (!ref || typeof ref !== 'object') return ref;
  return {
    apiVersion: `${ref.apiGroup}/v1beta1`,
    kind: ref.kind,
    name: ref.name,
    namespace: owner.metadata.namespace,
  };
}

/** Whether objects of this group are served in more than one version. */
export function isConvertible(group: string): boolean {
  return CONVERTIBLE_GROUPS.includes(group);
}
