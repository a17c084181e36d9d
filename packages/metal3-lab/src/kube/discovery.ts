import { openApiDocument, openApiIndex } from './openApi';
import { ResourceDefinition } from './resourceRegistry';
import { pathNotFound } from './http';

/** The served resource definitions by API group ('' is core). */
export type GroupIndex = Map<string, ResourceDefinition[]>;

export function groupIndex(definitions: ResourceDefinition[]): GroupIndex {
  const byGroup: GroupIndex = new Map();
  for (const d of definitions)
    byGroup.set(d.group, [...(byGroup.get(d.group) ?? []), d]);
  return byGroup;
}

/**
 * The answer to a discovery or OpenAPI request (`/version`, `/api`, `/apis`,
 * `/api/v1`, `/apis/<group>[/<version>]`, `/openapi/v3[/...]`), as kubectl
 * and client libraries read them; undefined for any other path. A discovery
 * path of a group or version the lab does not serve is a 404.
 */
export function discoveryAnswer(
  pathname: string,
  definitions: ResourceDefinition[],
  byGroup: GroupIndex,
): unknown | undefined {
  const segments = pathname.split('/').filter(Boolean);
  if (pathname === '/version') return versionInfo();
  if (pathname === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [],
    };
  }
  if (pathname === '/apis') return groupList(byGroup);
  if (pathname === '/openapi/v3') return openApiIndex(definitions);
  if (segments[0] === 'openapi' && segments[1] === 'v3') {
    const [group, version] =
      segments[2] === 'api' ? ['', segments[3]] : [segments[3], segments[4]];
    const document = openApiDocument(definitions, group, version);
    if (!document) throw pathNotFound();
    return document;
  }
  if (segments[0] === 'api' && segments.length === 2)
    return resourceList(byGroup, '', segments[1]);
  if (segments[0] === 'apis' && segments.length === 2) {
    const group = groupOf(byGroup, segments[1]);
    if (!group) throw pathNotFound();
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      ...group,
    };
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    return resourceList(byGroup, segments[1], segments[2]);
  }
  return undefined;
}

function versionInfo() {
  return {
    major: '1',
    minor: '33',
    gitVersion: 'v1.33.0-metal3-lab',
    platform: 'linux/amd64',
    goVersion: 'go1.24',
  };
}

function groupOf(byGroup: GroupIndex, name: string) {
  const defs = byGroup.get(name);
  if (!defs || name === '') return undefined;
  // The storage version is the preferred one (CAPI v1beta2 before v1beta1).
  const versions = [
    ...new Set(defs.flatMap(d => [d.storageVersion, ...d.versions])),
  ].map(v => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions, preferredVersion: versions[0] };
}

function groupList(byGroup: GroupIndex) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...byGroup.keys()]
      .filter(g => g !== '')
      .sort()
      .map(g => groupOf(byGroup, g)),
  };
}

function resourceList(byGroup: GroupIndex, group: string, version: string) {
  const defs = (byGroup.get(group) ?? []).filter(d =>
    d.versions.includes(version),
  );
  if (defs.length === 0) throw pathNotFound();
  const verbs = [
    'create',
    'delete',
    'deletecollection',
    'get',
    'list',
    'patch',
    'update',
    'watch',
  ];
  const resources = defs.flatMap(d => [
    {
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs,
      shortNames: d.shortNames,
      categories: d.categories,
    },
    ...(d.status
      ? [
          {
            name: `${d.plural}/status`,
            singularName: '',
            namespaced: d.namespaced,
            kind: d.kind,
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : []),
    ...(d.scale
      ? [
          {
            name: `${d.plural}/scale`,
            singularName: '',
            namespaced: d.namespaced,
            group: 'autoscaling',
            version: 'v1',
            kind: 'Scale',
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : []),
    ...(d.plural === 'serviceaccounts'
      ? [
          {
            name: 'serviceaccounts/token',
            singularName: '',
            namespaced: true,
            group: 'authentication.k8s.io',
            version: 'v1',
            kind: 'TokenRequest',
            verbs: ['create'],
          },
        ]
      : []),
    ...(d.plural === 'pods'
      ? [
          {
            name: 'pods/eviction',
            singularName: '',
            namespaced: true,
            group: 'policy',
            version: 'v1',
            kind: 'Eviction',
            verbs: ['create'],
          },
        ]
      : []),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
