import { KubeObject, LabStore } from '../types';

const API_VERSION = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

function clusterRole(name: string, rules: object[]): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRole',
    metadata: { name, labels: BOOTSTRAP_LABELS },
    rules,
  };
}

function bindingToGroups(name: string, groups: string[]): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: BOOTSTRAP_LABELS },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name,
    },
    subjects: groups.map(g => ({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: g,
    })),
  };
}

/**
 * The bootstrap roles of kube-apiserver that every authenticated identity
 * holds (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go):
 * discovery and version (system:discovery, system:public-info-viewer), and
 * asking what one may do (system:basic-user); plus cluster-admin bound to
 * system:masters. A ServiceAccount without bindings of its own can read
 * discovery and nothing else.
 */
export function bootstrapPolicy(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    bindingToGroups('cluster-admin', ['system:masters']),
    clusterRole('system:discovery', [
      {
        nonResourceURLs: [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ]),
    bindingToGroups('system:discovery', ['system:authenticated']),
    clusterRole('system:public-info-viewer', [
      {
        nonResourceURLs: [
          '/healthz',
          '/livez',
          '/readyz',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ]),
    bindingToGroups('system:public-info-viewer', [
      'system:authenticated',
      'system:unauthenticated',
    ]),
    clusterRole('system:basic-user', [
      {
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        verbs: ['create'],
      },
      {
        apiGroups: ['authentication.k8s.io'],
        resources: ['selfsubjectreviews'],
        verbs: ['create'],
      },
    ]),
    bindingToGroups('system:basic-user', ['system:authenticated']),
  ];
}

/** Writes the bootstrap policy into a cluster's store (at start, as the API server reconciles it). */
export function seedBootstrapPolicy(store: LabStore): void {
  for (const object of bootstrapPolicy()) {
    const resource =
      object.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings';
    store.create({ group: 'rbac.authorization.k8s.io', resource }, object);
  }
}
