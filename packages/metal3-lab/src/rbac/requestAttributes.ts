/**
 * What an authorizer is asked about one request, derived from its method and
 * URL the way kube-apiserver's RequestInfoFactory does
 * (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
 * resource requests under `/api/v1/...` and `/apis/<group>/<version>/...`
 * get a verb (get, list, watch, create, update, patch, delete,
 * deletecollection), a resource, subresource, namespace and name; every other
 * path (discovery, `/version`, `/openapi/...`, `/lab/v1/...`) is a
 * non-resource request whose verb is the lowercase HTTP method.
 *
 * @public
 */
export interface RequestAttributes {
  resourceRequest: boolean;
  verb: string;
  /** The URL path, for non-resource rules and messages. */
  path: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

/** Go's strconv.ParseBool true values: how `watch=` is read. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

const VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** Parts after `namespaces/<ns>` that are subresources of the namespace itself. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function requestAttributes(method: string, url: URL): RequestAttributes {
  const path = url.pathname;
  const attributes: RequestAttributes = {
    resourceRequest: false,
    verb: method.toLowerCase(),
    path,
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  };
  let parts = path.split('/').filter(Boolean);
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis'))
    return attributes;
  const prefix = parts[0];
  parts = parts.slice(1);
  if (prefix === 'apis') {
    // /apis/<group>/<version> alone is discovery, not a resource.
    if (parts.length < 3) return attributes;
    attributes.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  attributes.resourceRequest = true;
  attributes.apiVersion = parts[0];
  parts = parts.slice(1);

  // The old `/watch/...` form names its verb in the path.
  if (parts[0] === 'watch') {
    attributes.verb = 'watch';
    parts = parts.slice(1);
  } else {
    attributes.verb = VERBS[method.toUpperCase()] ?? '';
  }
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      attributes.namespace = parts[1];
      // `namespaces/<ns>/<resource>/...`: the resource in that namespace;
      // `namespaces/<ns>[/status]`: the namespace object itself, whose
      // namespace attribute is its own name (as upstream).
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]))
        parts = parts.slice(2);
    }
  }
  attributes.resource = parts[0] ?? '';
  attributes.name = parts[1] ?? '';
  attributes.subresource = parts[2] ?? '';

  // No name: a GET is a list or a watch, a DELETE a deletecollection.
  if (!attributes.name && attributes.verb === 'get') {
    attributes.verb = TRUE.has(url.searchParams.get('watch') ?? '')
      ? 'watch'
      : 'list';
    // A field selector on exactly one name makes it a request for that
    // name (rules with resourceNames can allow it).
    const name = exactName(url.searchParams.get('fieldSelector'));
    if (name) attributes.name = name;
  }
  if (!attributes.name && attributes.verb === 'delete')
    attributes.verb = 'deletecollection';
  return attributes;
}

/** `metadata.name=x` (or `==`) among the terms of a field selector. */
function exactName(selector: string | null): string | undefined {
  if (!selector) return undefined;
  for (const term of selector.split(',')) {
    const match = /^metadata\.name==?(.*)$/.exec(term.trim());
    // A valid path segment name only, as upstream checks.
    if (match && isPathSegmentName(match[1])) return match[1];
  }
  return undefined;
}

export function isPathSegmentName(name: string): boolean {
  return (
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !name.includes('/') &&
    !name.includes('%')
  );
}
