/**
 * Structural schemas of the built-in kinds the lab serves beyond the core
 * kinds its controllers write (those stay schema-less, as before), written
 * from the Kubernetes API reference (k8s.io/api types): every field of
 * ServiceAccount, the RBAC kinds, ConfigMap, Secret and Namespace; Service,
 * PodDisruptionBudget and Deployment down to their spec fields, the pod template itself unchecked
 * (`x-kubernetes-preserve-unknown-fields`). Enough for kube-apiserver's
 * decoding behaviour: unknown fields are dropped, warned about, or refused
 * under `fieldValidation=Strict` ("strict decoding error: unknown field"),
 * which `kubectl apply` sends by default.
 */

type Schema = Record<string, any>;

const string = { type: 'string' };
const boolean = { type: 'boolean' };
const integer = { type: 'integer' };
const strings = { type: 'array', items: string };
const stringMap = { type: 'object', additionalProperties: string };
const anything = { 'x-kubernetes-preserve-unknown-fields': true };
const object = (properties: Schema, extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  ...extra,
});

const policyRule = object({
  verbs: strings,
  apiGroups: strings,
  resources: strings,
  resourceNames: strings,
  nonResourceURLs: strings,
});
const subject = object({
  kind: string,
  apiGroup: string,
  name: string,
  namespace: string,
});
const roleRef = object({ apiGroup: string, kind: string, name: string });
const objectReference = object({
  kind: string,
  namespace: string,
  name: string,
  uid: string,
  apiVersion: string,
  resourceVersion: string,
  fieldPath: string,
});
const labelSelector = object({
  matchLabels: stringMap,
  matchExpressions: {
    type: 'array',
    items: object({ key: string, operator: string, values: strings }),
  },
});
const intOrString = { 'x-kubernetes-int-or-string': true };

const SCHEMAS: Record<string, Schema> = {
  'v1/ServiceAccount': object({
    secrets: { type: 'array', items: objectReference },
    imagePullSecrets: { type: 'array', items: object({ name: string }) },
    automountServiceAccountToken: boolean,
  }),
  'rbac.authorization.k8s.io/v1/Role': object({
    rules: { type: 'array', items: policyRule },
  }),
  'rbac.authorization.k8s.io/v1/ClusterRole': object({
    rules: { type: 'array', items: policyRule },
    aggregationRule: object({
      clusterRoleSelectors: { type: 'array', items: labelSelector },
    }),
  }),
  'rbac.authorization.k8s.io/v1/RoleBinding': object({
    subjects: { type: 'array', items: subject },
    roleRef,
  }),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': object({
    subjects: { type: 'array', items: subject },
    roleRef,
  }),
  'v1/ConfigMap': object({
    data: stringMap,
    binaryData: stringMap,
    immutable: boolean,
  }),
  'v1/Secret': object({
    data: stringMap,
    stringData: stringMap,
    type: string,
    immutable: boolean,
  }),
  'v1/Namespace': object({
    spec: object({ finalizers: strings }),
    status: object({ phase: string, conditions: anything }),
  }),
  'v1/Service': object({
    spec: object({
      type: string,
      selector: stringMap,
      ports: {
        type: 'array',
        items: object({
          name: string,
          protocol: string,
          appProtocol: string,
          port: integer,
          targetPort: intOrString,
          nodePort: integer,
        }),
      },
      clusterIP: string,
      clusterIPs: strings,
      externalIPs: strings,
      externalName: string,
      externalTrafficPolicy: string,
      internalTrafficPolicy: string,
      ipFamilies: strings,
      ipFamilyPolicy: string,
      loadBalancerClass: string,
      loadBalancerIP: string,
      loadBalancerSourceRanges: strings,
      allocateLoadBalancerNodePorts: boolean,
      healthCheckNodePort: integer,
      publishNotReadyAddresses: boolean,
      sessionAffinity: string,
      sessionAffinityConfig: anything,
      trafficDistribution: string,
    }),
    status: anything,
  }),
  'apps/v1/Deployment': object({
    spec: object({
      replicas: integer,
      selector: labelSelector,
      template: object({
        metadata: anything,
        // The pod spec is not checked field by field (schema-light).
        spec: anything,
      }),
      strategy: object({
        type: string,
        rollingUpdate: object({
          maxSurge: intOrString,
          maxUnavailable: intOrString,
        }),
      }),
      minReadySeconds: integer,
      revisionHistoryLimit: integer,
      paused: boolean,
      progressDeadlineSeconds: integer,
    }),
    status: anything,
  }),
  'policy/v1/PodDisruptionBudget': object({
    spec: object({
      minAvailable: intOrString,
      maxUnavailable: intOrString,
      selector: labelSelector,
      unhealthyPodEvictionPolicy: string,
    }),
    status: anything,
  }),
};

/** The schema of a built-in kind the lab checks, or undefined. */
export function builtInSchemaFor(
  group: string,
  kind: string,
  version: string,
): Schema | undefined {
  return SCHEMAS[`${group ? `${group}/` : ''}${version}/${kind}`];
}
