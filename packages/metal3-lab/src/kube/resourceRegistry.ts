import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** Everything the server needs to know about one resource type. */
export interface ResourceDefinition {
  group: string;
  /** Served versions; `storageVersion` is the one objects are kept in. */
  versions: string[];
  storageVersion: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  /**
   * A custom resource (from a CRD), not a built-in kind: the API server
   * refuses strategic merge patches for these.
   */
  custom?: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources per version, as the CRD declares them. */
  status: boolean;
  scale?: {
    specReplicasPath: string;
    statusReplicasPath: string;
    labelSelectorPath?: string;
  };
  /** `additionalPrinterColumns` of the storage version, for Table answers. */
  printerColumns: {
    name: string;
    type: string;
    jsonPath: string;
    priority?: number;
  }[];
}

/** The shipped CRDs (copied from upstream, see crds/SOURCE.md). */
// The lab runs from source (dev, tests) and ships crds/ beside src/.
// eslint-disable-next-line no-restricted-syntax
export const CRD_DIR = resolve(__dirname, '../../crds');

/**
 * Built-in kinds the lab serves besides the CRDs: the core kinds the portal
 * and the Metal3 controllers use, ServiceAccounts (with their `token`
 * subresource) and the RBAC kinds the lab enforces, and what the portal's own
 * manifests hold (Deployment, Service, PodDisruptionBudget), so
 * `kubectl apply --dry-run=server` of deploy/kubernetes works against it.
 */
const BUILT_IN: ResourceDefinition[] = [
  builtIn('', 'namespaces', 'Namespace', false, ['ns']),
  builtIn('', 'secrets', 'Secret', true),
  builtIn('', 'configmaps', 'ConfigMap', true, ['cm']),
  builtIn('', 'nodes', 'Node', false, ['no'], true),
  builtIn('', 'events', 'Event', true, ['ev']),
  builtIn('', 'pods', 'Pod', true, ['po'], true),
  builtIn('', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  builtIn('', 'services', 'Service', true, ['svc'], true),
  builtIn('apps', 'deployments', 'Deployment', true, ['deploy'], true),
  builtIn(
    'policy',
    'poddisruptionbudgets',
    'PodDisruptionBudget',
    true,
    ['pdb'],
    true,
  ),
  builtIn('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', false),
  builtIn(
    'rbac.authorization.k8s.io',
    'clusterrolebindings',
    'ClusterRoleBinding',
    false,
  ),
  builtIn('rbac.authorization.k8s.io', 'roles', 'Role', true),
  builtIn('rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding', true),
];

function builtIn(
  group: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
  status = false,
): ResourceDefinition {
  return {
    group,
    versions: ['v1'],
    storageVersion: 'v1',
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    shortNames,
    categories: [],
    status,
    printerColumns: [],
  };
}

/** Reads every CRD of a folder into resource definitions. */
export function loadResourceDefinitions(dir = CRD_DIR): ResourceDefinition[] {
  const crds = readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .map(f => parse(readFileSync(join(dir, f), 'utf8')))
    .filter(doc => doc?.kind === 'CustomResourceDefinition');
  return [
    ...BUILT_IN,
    ...crds.map((crd: any): ResourceDefinition => {
      const served = crd.spec.versions.filter((v: any) => v.served);
      const storage = crd.spec.versions.find((v: any) => v.storage);
      return {
        group: crd.spec.group,
        versions: served.map((v: any) => v.name),
        storageVersion: storage.name,
        plural: crd.spec.names.plural,
        singular: crd.spec.names.singular ?? crd.spec.names.kind.toLowerCase(),
        kind: crd.spec.names.kind,
        listKind: crd.spec.names.listKind ?? `${crd.spec.names.kind}List`,
        namespaced: crd.spec.scope === 'Namespaced',
        custom: true,
        shortNames: crd.spec.names.shortNames ?? [],
        categories: crd.spec.names.categories ?? [],
        status: Boolean(storage.subresources?.status),
        scale: storage.subresources?.scale,
        printerColumns: storage.additionalPrinterColumns ?? [],
      };
    }),
  ];
}
