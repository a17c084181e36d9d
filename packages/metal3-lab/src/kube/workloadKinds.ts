import { ResourceDefinition } from './resourceRegistry';

/**
 * The built-in workload kinds Backstage's Kubernetes plugin lists for every
 * entity (its `DEFAULT_OBJECTS`: services, limit ranges, resource quotas,
 * deployments, replica sets, stateful sets, daemon sets, horizontal pod
 * autoscalers, jobs, cron jobs, ingresses; pods and config maps the lab
 * already serves). A real management cluster serves all of them, so the
 * portal's Kubernetes tab lists them and gets empty lists; a lab that answered
 * 404 would show an error panel the real cluster never causes.
 *
 * Served at the version kube-apiserver 1.33 prefers for each group (one
 * version only: the lab converts only CAPI's kinds). Nothing in the lab
 * creates these objects; writes go through the generic handlers without a
 * schema (the API server's own types are not modelled here).
 */
const WORKLOAD_KINDS: ResourceDefinition[] = [
  builtIn('', 'v1', 'services', 'Service', ['svc'], { status: true }),
  builtIn('', 'v1', 'limitranges', 'LimitRange', ['limits']),
  builtIn('', 'v1', 'resourcequotas', 'ResourceQuota', ['quota'], {
    status: true,
  }),
  builtIn('apps', 'v1', 'deployments', 'Deployment', ['deploy'], {
    status: true,
    scale: true,
  }),
  builtIn('apps', 'v1', 'replicasets', 'ReplicaSet', ['rs'], {
    status: true,
    scale: true,
  }),
  builtIn('apps', 'v1', 'statefulsets', 'StatefulSet', ['sts'], {
    status: true,
    scale: true,
  }),
  builtIn('apps', 'v1', 'daemonsets', 'DaemonSet', ['ds'], { status: true }),
  builtIn(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    ['hpa'],
    { status: true },
  ),
  builtIn('batch', 'v1', 'jobs', 'Job', [], { status: true }),
  builtIn('batch', 'v1', 'cronjobs', 'CronJob', ['cj'], { status: true }),
  builtIn('networking.k8s.io', 'v1', 'ingresses', 'Ingress', ['ing'], {
    status: true,
  }),
];

/**
 * The served definitions plus the workload kinds none of them defines yet
 * (another part of the lab may serve some of them with more detail, e.g. a
 * schema; that definition wins).
 */
export function withWorkloadKinds(
  definitions: ResourceDefinition[],
): ResourceDefinition[] {
  const served = new Set(definitions.map(d => `${d.group}/${d.plural}`));
  return [
    ...definitions,
    ...WORKLOAD_KINDS.filter(d => !served.has(`${d.group}/${d.plural}`)),
  ];
}

function builtIn(
  group: string,
  version: string,
  plural: string,
  kind: string,
  shortNames: string[],
  subresources: { status?: boolean; scale?: boolean } = {},
): ResourceDefinition {
  return {
    group,
    versions: [version],
    storageVersion: version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced: true,
    shortNames,
    categories: [],
    status: subresources.status ?? false,
    ...(subresources.scale && {
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.selector',
      },
    }),
    printerColumns: [],
  };
}
