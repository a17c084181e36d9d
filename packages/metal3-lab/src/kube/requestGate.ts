import { IncomingMessage, ServerResponse } from 'node:http';
import { LabApiError } from '../errors';
import { ApiFaults } from '../types';
import { forbidden } from '../rbac/forbidden';
import { requestAttributes } from '../rbac/requestAttributes';
import { SYSTEM_MASTERS, UserInfo } from '../rbac/userInfo';
import { readBody, sendJson } from './http';
import { priorityAndFairnessRejection } from './priorityAndFairness';

/** A request to a `/lab/v1/...` admin endpoint, authenticated. */
export interface AdminRequest {
  method: string;
  /** The path, e.g. `/lab/v1/faults`. */
  path: string;
  /** The JSON body of a POST. */
  body: unknown;
}

/**
 * What a request passes before it reaches the Kubernetes API, in
 * kube-apiserver's order: the lab's admin endpoints (bearer token, never
 * subject to faults, so an outage can be ended early; the lab's admin token
 * only), then the injected latency and outage (503), bearer-token
 * authentication (401 with the apiserver's Status) and API Priority and
 * Fairness throttling (429). Authorization comes after all of these, as in
 * kube-apiserver's handler chain. Resolves to the authenticated user, or
 * undefined when the request was answered here.
 */
export function requestGate(options: {
  faults: ApiFaults;
  /** Who the request's bearer token is (checked when a request starts); throws the 401. */
  authenticate: (req: IncomingMessage) => UserInfo;
  admin?: (request: AdminRequest) => unknown;
}): (
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<UserInfo | undefined> {
  const { faults, authenticate } = options;
  const rejectTooManyRequests = priorityAndFairnessRejection();
  return async (req, res) => {
    if (req.url?.startsWith('/lab/v1/') && options.admin) {
      const user = authenticate(req);
      if (!user.groups.includes(SYSTEM_MASTERS)) {
        const url = new URL(req.url, 'https://lab');
        throw forbidden(user, requestAttributes(req.method ?? 'GET', url), '');
      }
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const path = new URL(req.url, 'https://lab').pathname;
      const answer = await options.admin({
        method: req.method ?? 'GET',
        path,
        body,
      });
      sendJson(res, 200, answer);
      return undefined;
    }
    if (faults.latencyMs)
      await new Promise(r => setTimeout(r, faults.latencyMs));
    if (faults.unavailableUntil && Date.now() < faults.unavailableUntil) {
      throw new LabApiError(
        503,
        'ServiceUnavailable',
        'the lab API server is unavailable (injected fault)',
      );
    }
    const user = authenticate(req);
    // APF runs after authentication in kube-apiserver's handler chain.
    if (faults.throttledUntil && Date.now() < faults.throttledUntil) {
      rejectTooManyRequests(res);
      return undefined;
    }
    return user;
  };
}
