import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LabCluster } from './lab';
import { REPO_ROOT } from './processes';

/** What app-config.production.yaml reads from the environment for a cluster. */
export interface ClusterCredentials {
  /** METAL3_MGMT_API_URL */
  url: string;
  /** METAL3_MGMT_TOKEN */
  token: string;
  /** METAL3_MGMT_CA_DATA: the CA certificate, base64 (kubeconfig's certificate-authority-data) */
  caData: string;
  /** Which identity the token is, for the test's messages. */
  identity: string;
}

/**
 * THE SWITCH: which token the production backend reaches the lab with.
 *
 * - `lab-admin` (default today): the lab's own admin token. The lab does not
 *   enforce RBAC yet, so a narrower identity would prove nothing.
 * - `service-account`: the portal's own ServiceAccount, bound to exactly the
 *   shipped ClusterRole: deploy/kubernetes/rbac.yaml is applied to the lab with
 *   kubectl, and `kubectl create token` issues the token, as a platform team
 *   does it (docs/operations.md, "Cluster access"). Turn this on (set
 *   PRODUCTION_E2E_CLUSTER_IDENTITY=service-account, or change the default
 *   below) once the lab enforces RBAC and serves ServiceAccounts and
 *   TokenRequests; every feature of the test must then still pass.
 */
export const CLUSTER_IDENTITY =
  process.env.PRODUCTION_E2E_CLUSTER_IDENTITY ?? 'lab-admin';

export function clusterCredentials(
  cluster: LabCluster,
  kubeconfig: string,
): ClusterCredentials {
  const caData = Buffer.from(cluster.caPem).toString('base64');
  switch (CLUSTER_IDENTITY) {
    case 'lab-admin':
      return {
        url: cluster.url,
        token: cluster.token,
        caData,
        identity: 'the lab admin',
      };
    case 'service-account': {
      const kubectl = (...args: string[]) =>
        execFileSync(
          'kubectl',
          ['--kubeconfig', kubeconfig, '--context', cluster.name, ...args],
          { encoding: 'utf8', cwd: REPO_ROOT },
        );
      kubectl('apply', '-f', join(REPO_ROOT, 'deploy/kubernetes/rbac.yaml'));
      const token = kubectl(
        'create',
        'token',
        'metal3-portal',
        '--namespace',
        'metal3-portal',
        '--duration',
        '2h',
      ).trim();
      return {
        url: cluster.url,
        token,
        caData,
        identity: 'ServiceAccount metal3-portal/metal3-portal',
      };
    }
    default:
      throw new Error(
        `PRODUCTION_E2E_CLUSTER_IDENTITY: "${CLUSTER_IDENTITY}" is not lab-admin or service-account`,
      );
  }
}
