import { KubeObject } from '../types';

/**
 * The Deployments of the Metal3 stack as clusterctl and the Ironic
 * operator leave them: the namespaces and labels the portal's stack check
 * looks for by default (docs/configuration.md, metal3.checks.controllers).
 * Images name a registry no one can pull from (`registry.lab`): the lab runs
 * no pods, and the tag is what the portal shows as the version.
 */
export const STACK_CONTROLLERS = [
  {
    id: 'baremetal-operator',
    namespace: 'baremetal-operator-system',
    name: 'baremetal-operator-controller-manager',
    labels: { 'control-plane': 'controller-manager' },
    image: 'registry.lab/metal3-io/baremetal-operator:v0.10.2',
  },
  {
    id: 'ironic',
    namespace: 'baremetal-operator-system',
    name: 'ironic-service',
    labels: { 'ironic.metal3.io/app': 'ironic-service' },
    image: 'registry.lab/metal3-io/ironic:v29.0.0',
  },
  {
    id: 'capm3',
    namespace: 'capm3-system',
    name: 'capm3-controller-manager',
    labels: {
      'cluster.x-k8s.io/provider': 'infrastructure-metal3',
      'control-plane': 'controller-manager',
    },
    image: 'registry.lab/metal3-io/cluster-api-provider-metal3:v1.10.1',
  },
  {
    id: 'ipam',
    namespace: 'metal3-ipam-system',
    name: 'ipam-controller-manager',
    labels: {
      'cluster.x-k8s.io/provider': 'ipam-metal3',
      'control-plane': 'controller-manager',
    },
    image: 'registry.lab/metal3-io/ip-address-manager:v1.10.1',
  },
  {
    id: 'capi',
    namespace: 'capi-system',
    name: 'capi-controller-manager',
    labels: {
      'cluster.x-k8s.io/provider': 'cluster-api',
      'control-plane': 'controller-manager',
    },
    image: 'registry.lab/cluster-api/cluster-api-controller:v1.10.4',
  },
] as const;

/** The namespaces the controllers run in (created before their Deployments). */
export const STACK_NAMESPACES = [
  ...new Set(STACK_CONTROLLERS.map(c => c.namespace)),
];

/** One controller's Deployment, without status. */
export function controllerDeployment(
  controller: (typeof STACK_CONTROLLERS)[number],
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: controller.name,
      namespace: controller.namespace,
      labels: { ...controller.labels },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...controller.labels } },
      template: {
        metadata: { labels: { ...controller.labels } },
        spec: {
          containers: [{ name: 'manager', image: controller.image }],
        },
      },
    },
  };
}

/**
 * The status the Deployment controller writes: every replica ready, or
 * (a controller down: its pod crash-looping) none, with the conditions
 * `kubectl describe deployment` shows.
 */
export function deploymentStatus(
  deployment: KubeObject,
  ready: boolean,
  now: string,
): Record<string, unknown> {
  const replicas: number = deployment.spec?.replicas ?? 1;
  const readyReplicas = ready ? replicas : 0;
  return {
    observedGeneration: deployment.metadata.generation ?? 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas,
    availableReplicas: readyReplicas,
    ...(ready ? {} : { unavailableReplicas: replicas }),
    conditions: [
      {
        type: 'Available',
        status: ready ? 'True' : 'False',
        reason: ready
          ? 'MinimumReplicasAvailable'
          : 'MinimumReplicasUnavailable',
        message: ready
          ? 'Deployment has minimum availability.'
          : 'Deployment does not have minimum availability.',
        lastUpdateTime: now,
        lastTransitionTime: now,
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${deployment.metadata.name}" has successfully progressed.`,
        lastUpdateTime: now,
        lastTransitionTime: now,
      },
    ],
  };
}
