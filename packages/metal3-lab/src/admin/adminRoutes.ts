import { LabApiError } from '../errors';
import type { AdminRequest } from '../kube/requestGate';
import { applyFaults, describeFaults } from '../faults/applyFaults';
import { parseFaultRequest } from '../faults/faultRequest';
import type { BmcFleet } from '../bmc';
import type { RunningCluster } from '../startLab';

/** What `POST /lab/v1/token/rotate` answers: where the new token went, never the token. */
export interface TokenRotation {
  cluster: string;
  /** Kubeconfig files rewritten with the new token. */
  kubeconfigs: string[];
  /** The cluster's state file holding the token (`.lab/<cluster>/token`). */
  stateFile: string;
}

/**
 * The lab's admin endpoints on one cluster's API server:
 * `GET|POST /lab/v1/faults` (faults in force / set faults) and
 * `POST /lab/v1/token/rotate` (new bearer token, files rewritten).
 */
export function adminRoutes(
  cluster: RunningCluster,
  bmcs: BmcFleet,
  rotate: () => TokenRotation,
): (request: AdminRequest) => unknown {
  return ({ method, path, body }) => {
    switch (path) {
      case '/lab/v1/faults':
        if (method === 'POST')
          return applyFaults(cluster, bmcs, parseFaultRequest(body));
        if (method === 'GET') return describeFaults(cluster);
        throw methodNotAllowed(method);
      case '/lab/v1/token/rotate':
        if (method === 'POST') return rotate();
        throw methodNotAllowed(method);
      default:
        throw new LabApiError(
          404,
          'NotFound',
          `no lab admin endpoint ${path} (there are /lab/v1/faults and /lab/v1/token/rotate)`,
        );
    }
  };
}

function methodNotAllowed(method: string): LabApiError {
  return new LabApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource: ${method}`,
  );
}
