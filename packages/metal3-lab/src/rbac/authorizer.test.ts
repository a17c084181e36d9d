import { KubeObject } from '../types';
import { authorize, RbacObjects } from './authorizer';
import { forbidden } from './forbidden';
import { PolicyRule } from './policyRule';
import { requestAttributes } from './requestAttributes';
import { LAB_ADMIN, serviceAccountUser, UserInfo } from './userInfo';

/*
 * The lab's authorizer against kube-apiserver's RBAC semantics, one request
 * and one set of objects per row: verbs (get/list/watch, patch/update,
 * deletecollection), subresources, resourceNames, namespaced vs cluster-wide
 * bindings, wildcards, non-resource URLs, missing roles. The message column
 * is the 403's text, word for word as kube-apiserver writes it.
 */

const SA = serviceAccountUser('metal3-portal', 'metal3-portal', 'uid-1');
const OTHER = serviceAccountUser('metal3-portal', 'other');
const SA_NAME = 'system:serviceaccount:metal3-portal:metal3-portal';

const clusterRole = (name: string, rules: PolicyRule[]): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name },
  rules,
});
const role = (
  namespace: string,
  name: string,
  rules: PolicyRule[],
): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name, namespace },
  rules,
});
const saSubject = {
  kind: 'ServiceAccount',
  name: 'metal3-portal',
  namespace: 'metal3-portal',
};
const clusterBinding = (
  roleName: string,
  subjects: object[] = [saSubject],
): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: `bind-${roleName}` },
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: roleName,
  },
  subjects,
});
const binding = (
  namespace: string,
  kind: 'Role' | 'ClusterRole',
  roleName: string,
  subjects: object[] = [saSubject],
): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: `bind-${roleName}`, namespace },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: roleName },
  subjects,
});

function objects(list: KubeObject[]): RbacObjects {
  return {
    clusterRoleBindings: () =>
      list.filter(o => o.kind === 'ClusterRoleBinding'),
    roleBindings: ns =>
      list.filter(o => o.kind === 'RoleBinding' && o.metadata.namespace === ns),
    clusterRole: name =>
      list.find(o => o.kind === 'ClusterRole' && o.metadata.name === name),
    role: (ns, name) =>
      list.find(
        o =>
          o.kind === 'Role' &&
          o.metadata.namespace === ns &&
          o.metadata.name === name,
      ),
  };
}

/** The shipped role's shape, for most rows. */
const PORTAL = [
  clusterRole('portal', [
    {
      apiGroups: ['metal3.io'],
      resources: ['baremetalhosts'],
      verbs: ['get', 'list', 'watch', 'patch'],
    },
    {
      apiGroups: ['cluster.x-k8s.io'],
      resources: ['machines'],
      verbs: ['get'],
    },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
    {
      apiGroups: ['cluster.x-k8s.io'],
      resources: ['clusters'],
      verbs: ['update'],
    },
  ]),
  clusterBinding('portal'),
  role('metal3', 'secrets', [
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] },
  ]),
  binding('metal3', 'Role', 'secrets'),
];

type Row = [
  description: string,
  user: UserInfo,
  method: string,
  url: string,
  rbac: KubeObject[],
  /** undefined: allowed; else the 403 message. */
  refusal: string | undefined,
];

const BMH = '/apis/metal3.io/v1alpha1';
const CAPI = '/apis/cluster.x-k8s.io/v1beta2';

const ROWS: Row[] = [
  [
    'the admin token (system:masters) needs no binding',
    LAB_ADMIN,
    'DELETE',
    '/api/v1/namespaces/metal3/secrets/x',
    [],
    undefined,
  ],
  [
    'get of one object',
    SA,
    'GET',
    `${BMH}/namespaces/metal3/baremetalhosts/worker-0`,
    PORTAL,
    undefined,
  ],
  [
    'a cluster-wide list',
    SA,
    'GET',
    `${BMH}/baremetalhosts?limit=500`,
    PORTAL,
    undefined,
  ],
  [
    'a watch is its own verb (watch=true)',
    SA,
    'GET',
    `${BMH}/baremetalhosts?watch=true&resourceVersion=10`,
    PORTAL,
    undefined,
  ],
  [
    'get does not allow list',
    SA,
    'GET',
    `${CAPI}/namespaces/metal3/machines`,
    PORTAL,
    `machines.cluster.x-k8s.io is forbidden: User "${SA_NAME}" cannot list resource "machines" in API group "cluster.x-k8s.io" in the namespace "metal3"`,
  ],
  [
    'get does not allow watch (watch=1)',
    SA,
    'GET',
    `${CAPI}/machines?watch=1`,
    PORTAL,
    `machines.cluster.x-k8s.io is forbidden: User "${SA_NAME}" cannot watch resource "machines" in API group "cluster.x-k8s.io" at the cluster scope`,
  ],
  [
    'update does not allow patch',
    SA,
    'PATCH',
    `${CAPI}/namespaces/metal3/clusters/kube-dc`,
    PORTAL,
    `clusters.cluster.x-k8s.io "kube-dc" is forbidden: User "${SA_NAME}" cannot patch resource "clusters" in API group "cluster.x-k8s.io" in the namespace "metal3"`,
  ],
  [
    'PUT is update',
    SA,
    'PUT',
    `${CAPI}/namespaces/metal3/clusters/kube-dc`,
    PORTAL,
    undefined,
  ],
  [
    'patch of the object does not allow its status subresource',
    SA,
    'PATCH',
    `${BMH}/namespaces/metal3/baremetalhosts/worker-0/status`,
    PORTAL,
    `baremetalhosts.metal3.io "worker-0" is forbidden: User "${SA_NAME}" cannot patch resource "baremetalhosts/status" in API group "metal3.io" in the namespace "metal3"`,
  ],
  [
    'a subresource rule (pods/eviction)',
    SA,
    'POST',
    '/api/v1/namespaces/kube-system/pods/coredns-1/eviction',
    PORTAL,
    undefined,
  ],
  [
    'pods/eviction does not allow pods',
    SA,
    'DELETE',
    '/api/v1/namespaces/kube-system/pods/coredns-1',
    PORTAL,
    `pods "coredns-1" is forbidden: User "${SA_NAME}" cannot delete resource "pods" in API group "" in the namespace "kube-system"`,
  ],
  [
    'a DELETE without a name is deletecollection',
    SA,
    'DELETE',
    `${BMH}/namespaces/metal3/baremetalhosts`,
    [
      clusterRole('r', [
        {
          apiGroups: ['metal3.io'],
          resources: ['baremetalhosts'],
          verbs: ['delete'],
        },
      ]),
      clusterBinding('r'),
    ],
    `baremetalhosts.metal3.io is forbidden: User "${SA_NAME}" cannot deletecollection resource "baremetalhosts" in API group "metal3.io" in the namespace "metal3"`,
  ],
  [
    'a Role grants only in its own namespace',
    SA,
    'GET',
    '/api/v1/namespaces/other/secrets/x',
    PORTAL,
    `secrets "x" is forbidden: User "${SA_NAME}" cannot get resource "secrets" in API group "" in the namespace "other"`,
  ],
  [
    'a Role grants in its namespace',
    SA,
    'POST',
    '/api/v1/namespaces/metal3/secrets',
    PORTAL,
    undefined,
  ],
  [
    'a Role never grants cluster-wide',
    SA,
    'GET',
    '/api/v1/secrets',
    PORTAL,
    `secrets is forbidden: User "${SA_NAME}" cannot list resource "secrets" in API group "" at the cluster scope`,
  ],
  [
    'a RoleBinding to a ClusterRole grants in the binding namespace only',
    SA,
    'GET',
    '/api/v1/namespaces/metal3/configmaps/c',
    [
      clusterRole('cm', [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      ]),
      binding('metal3', 'ClusterRole', 'cm'),
    ],
    undefined,
  ],
  [
    '... and not in another',
    SA,
    'GET',
    '/api/v1/namespaces/kube-system/configmaps/c',
    [
      clusterRole('cm', [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      ]),
      binding('metal3', 'ClusterRole', 'cm'),
    ],
    `configmaps "c" is forbidden: User "${SA_NAME}" cannot get resource "configmaps" in API group "" in the namespace "kube-system"`,
  ],
  [
    'a RoleBinding subject without namespace is a ServiceAccount of the binding namespace',
    serviceAccountUser('metal3', 'robot'),
    'GET',
    '/api/v1/namespaces/metal3/configmaps/c',
    [
      clusterRole('cm', [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      ]),
      binding('metal3', 'ClusterRole', 'cm', [
        { kind: 'ServiceAccount', name: 'robot' },
      ]),
    ],
    undefined,
  ],
  [
    'another ServiceAccount gets nothing from the binding',
    OTHER,
    'GET',
    `${BMH}/namespaces/metal3/baremetalhosts/worker-0`,
    PORTAL,
    `baremetalhosts.metal3.io "worker-0" is forbidden: User "system:serviceaccount:metal3-portal:other" cannot get resource "baremetalhosts" in API group "metal3.io" in the namespace "metal3"`,
  ],
  [
    'a Group subject (system:serviceaccounts:<ns>)',
    OTHER,
    'GET',
    '/api/v1/nodes/n1',
    [
      clusterRole('nodes', [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
      ]),
      clusterBinding('nodes', [
        {
          kind: 'Group',
          apiGroup: 'rbac.authorization.k8s.io',
          name: 'system:serviceaccounts:metal3-portal',
        },
      ]),
    ],
    undefined,
  ],
  [
    'resourceNames allow the named object only',
    SA,
    'PATCH',
    '/apis/kubeovn.io/v1/provider-networks/other-net',
    [
      clusterRole('pn', [
        {
          apiGroups: ['kubeovn.io'],
          resources: ['provider-networks'],
          resourceNames: ['net1'],
          verbs: ['patch'],
        },
      ]),
      clusterBinding('pn'),
    ],
    `provider-networks.kubeovn.io "other-net" is forbidden: User "${SA_NAME}" cannot patch resource "provider-networks" in API group "kubeovn.io" at the cluster scope`,
  ],
  [
    'resourceNames and a list narrowed to that name by field selector',
    SA,
    'GET',
    '/apis/kubeovn.io/v1/provider-networks?fieldSelector=metadata.name%3Dnet1',
    [
      clusterRole('pn', [
        {
          apiGroups: ['kubeovn.io'],
          resources: ['provider-networks'],
          resourceNames: ['net1'],
          verbs: ['list'],
        },
      ]),
      clusterBinding('pn'),
    ],
    undefined,
  ],
  [
    '`*` verbs, groups and resources',
    SA,
    'DELETE',
    `${CAPI}/namespaces/metal3/machinedeployments/md`,
    [
      clusterRole('all', [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      ]),
      clusterBinding('all'),
    ],
    undefined,
  ],
  [
    '`*/scale` matches the scale subresource of every resource',
    SA,
    'PATCH',
    `${CAPI}/namespaces/metal3/machinedeployments/md/scale`,
    [
      clusterRole('scale', [
        {
          apiGroups: ['cluster.x-k8s.io'],
          resources: ['*/scale'],
          verbs: ['patch'],
        },
      ]),
      clusterBinding('scale'),
    ],
    undefined,
  ],
  [
    '`*/scale` does not match the object itself',
    SA,
    'PATCH',
    `${CAPI}/namespaces/metal3/machinedeployments/md`,
    [
      clusterRole('scale', [
        {
          apiGroups: ['cluster.x-k8s.io'],
          resources: ['*/scale'],
          verbs: ['patch'],
        },
      ]),
      clusterBinding('scale'),
    ],
    `machinedeployments.cluster.x-k8s.io "md" is forbidden: User "${SA_NAME}" cannot patch resource "machinedeployments" in API group "cluster.x-k8s.io" in the namespace "metal3"`,
  ],
  [
    'the API group must match (core is "")',
    SA,
    'GET',
    '/api/v1/namespaces/metal3/events',
    [
      clusterRole('events', [
        {
          apiGroups: ['events.k8s.io'],
          resources: ['events'],
          verbs: ['list'],
        },
      ]),
      clusterBinding('events'),
    ],
    `events is forbidden: User "${SA_NAME}" cannot list resource "events" in API group "" in the namespace "metal3"`,
  ],
  [
    'a namespace is named by its own namespace attribute',
    SA,
    'GET',
    '/api/v1/namespaces/metal3',
    [
      role('metal3', 'ns', [
        { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      ]),
      binding('metal3', 'Role', 'ns'),
    ],
    undefined,
  ],
  [
    'non-resource URLs with a trailing *',
    SA,
    'GET',
    '/apis/metal3.io/v1alpha1',
    [
      clusterRole('disc', [{ nonResourceURLs: ['/apis/*'], verbs: ['get'] }]),
      clusterBinding('disc'),
    ],
    undefined,
  ],
  [
    'a non-resource path nobody granted',
    SA,
    'POST',
    '/lab/v1/faults',
    PORTAL,
    `forbidden: User "${SA_NAME}" cannot post path "/lab/v1/faults"`,
  ],
  [
    'a binding to a missing role is named in the reason',
    SA,
    'GET',
    '/api/v1/nodes',
    [clusterBinding('gone')],
    `nodes is forbidden: User "${SA_NAME}" cannot list resource "nodes" in API group "" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found`,
  ],
];

describe('authorize (RBAC as kube-apiserver)', () => {
  it.each(ROWS)('%s', (_, user, method, url, rbac, refusal) => {
    const request = requestAttributes(method, new URL(url, 'https://lab'));
    const decision = authorize(user, request, objects(rbac));
    expect(decision.allowed).toBe(refusal === undefined);
    const status = decision.allowed
      ? undefined
      : forbidden(user, request, decision.reason).toStatus();
    expect(status?.message).toBe(refusal);
    expect(status?.reason).toBe(refusal && 'Forbidden');
    expect(status?.code).toBe(refusal && 403);
  });

  it('says which binding and rule allowed a request (for the audit log)', () => {
    const request = requestAttributes(
      'PATCH',
      new URL(`https://lab${BMH}/namespaces/metal3/baremetalhosts/w`),
    );
    expect(authorize(SA, request, objects(PORTAL))).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "bind-portal" of ClusterRole "portal" to ServiceAccount "metal3-portal/metal3-portal"',
      allowedBy: {
        roleKind: 'ClusterRole',
        roleName: 'portal',
        rule: (PORTAL[0].rules as PolicyRule[])[0],
      },
    });
  });
});

describe('requestAttributes (RequestInfoFactory)', () => {
  it.each([
    ['GET', '/api', { resourceRequest: false, verb: 'get', path: '/api' }],
    ['GET', '/apis/metal3.io/v1alpha1', { resourceRequest: false }],
    [
      'GET',
      '/api/v1/watch/namespaces/metal3/pods',
      { verb: 'watch', namespace: 'metal3', resource: 'pods' },
    ],
    [
      'POST',
      '/api/v1/namespaces/metal3-portal/serviceaccounts/metal3-portal/token',
      {
        verb: 'create',
        resource: 'serviceaccounts',
        name: 'metal3-portal',
        subresource: 'token',
      },
    ],
    [
      'PUT',
      '/api/v1/namespaces/metal3/finalize',
      {
        verb: 'update',
        resource: 'namespaces',
        name: 'metal3',
        subresource: 'finalize',
      },
    ],
  ])('%s %s', (method, url, expected) => {
    expect(
      requestAttributes(method, new URL(url, 'https://lab')),
    ).toMatchObject(expected);
  });
});
