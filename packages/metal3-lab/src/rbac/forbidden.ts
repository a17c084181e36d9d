import { LabApiError } from '../errors';
import { RequestAttributes } from './requestAttributes';
import { UserInfo } from './userInfo';

/** Go's `%q` for the names the lab meets (JSON string quoting agrees on them). */
const quote = (s: string) => JSON.stringify(s);

/** responsewriters' sanitizer: nothing in the message may look like HTML. */
const sanitize = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The 403 kube-apiserver answers when no authorizer allows a request
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/
 * errors.go `Forbidden` + apimachinery's `NewForbidden`), word for word:
 * `machines.cluster.x-k8s.io "m-1" is forbidden: User "system:serviceaccount:
 * ns:sa" cannot patch resource "machines" in API group "cluster.x-k8s.io" in
 * the namespace "metal3"`, "at the cluster scope" for cluster-wide requests,
 * `forbidden: User "..." cannot get path "/lab/v1/faults"` for others; the
 * authorizer's reason, if any, after a colon.
 */
export function forbidden(
  user: UserInfo,
  request: RequestAttributes,
  reason: string,
): LabApiError {
  let message: string;
  if (!request.resourceRequest) {
    message = `User ${quote(user.name)} cannot ${request.verb} path ${quote(
      request.path,
    )}`;
  } else {
    const resource = request.subresource
      ? `${request.resource}/${request.subresource}`
      : request.resource;
    const scope = request.namespace
      ? `in the namespace ${quote(request.namespace)}`
      : 'at the cluster scope';
    message = `User ${quote(user.name)} cannot ${request.verb} resource ${quote(
      resource,
    )} in API group ${quote(request.apiGroup)} ${scope}`;
  }
  const detail = `${sanitize(message)}${reason ? `: ${reason}` : ''}`;
  if (!request.resourceRequest || !request.resource) {
    return new LabApiError(403, 'Forbidden', `forbidden: ${detail}`, {});
  }
  // GroupResource.String(): "resource" or "resource.group".
  const qualified = request.apiGroup
    ? `${request.resource}.${request.apiGroup}`
    : request.resource;
  return new LabApiError(
    403,
    'Forbidden',
    request.name
      ? `${qualified} ${quote(request.name)} is forbidden: ${detail}`
      : `${qualified} is forbidden: ${detail}`,
    {
      ...(request.name && { name: request.name }),
      ...(request.apiGroup && { group: request.apiGroup }),
      kind: request.resource,
    },
  );
}
