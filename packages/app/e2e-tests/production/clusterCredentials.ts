import { spawnSync } from 'node:child_process';
import { LabCluster } from './lab';
import { runWalkthrough, walkthroughExport } from './walkthrough';

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
 *   shipped ClusterRole and Role: the guide's commands (docs/operations.md,
 *   "Cluster access") apply deploy/kubernetes/rbac.yaml to the lab and issue
 *   the token with `kubectl create token`. Turn it on (set
 *   PRODUCTION_E2E_CLUSTER_IDENTITY=service-account, or change the default
 *   below) once the lab enforces RBAC and serves ServiceAccounts and
 *   TokenRequests; every feature of the test must then still pass.
 */
export const CLUSTER_IDENTITY =
  process.env.PRODUCTION_E2E_CLUSTER_IDENTITY ?? 'lab-admin';

/**
 * The cluster's address, CA and a token, taken with the guide's kubectl
 * commands from the lab's kubeconfig (context `kube-dc-mgmt`).
 */
export function clusterCredentials(
  cluster: LabCluster,
  kubeconfig: string,
): ClusterCredentials {
  const env = { KUBECONFIG: kubeconfig };
  if (!hasKubectl()) {
    // kubectl is optional on a CI machine (scripts/system-packages.sh):
    // without it, the same values straight from the lab.
    if (CLUSTER_IDENTITY !== 'lab-admin') {
      throw new Error(
        `PRODUCTION_E2E_CLUSTER_IDENTITY=${CLUSTER_IDENTITY} needs kubectl on PATH`,
      );
    }
    return {
      url: cluster.url,
      caData: Buffer.from(cluster.caPem).toString('base64'),
      token: cluster.token,
      identity: 'the lab admin (no kubectl: the guide commands were not run)',
    };
  }
  const url = walkthroughExport('METAL3_MGMT_API_URL', env);
  const caData = walkthroughExport('METAL3_MGMT_CA_DATA', env);
  // The guide's commands must describe the lab's cluster, not another one.
  if (url !== cluster.url) {
    throw new Error(`the guide's API address ${url} is not ${cluster.url}`);
  }
  if (Buffer.from(caData, 'base64').toString() !== cluster.caPem) {
    throw new Error("the guide's CA data is not the lab's CA");
  }
  switch (CLUSTER_IDENTITY) {
    case 'lab-admin':
      return { url, caData, token: cluster.token, identity: 'the lab admin' };
    case 'service-account':
      runWalkthrough(
        'kubectl --context kube-dc-mgmt apply -f deploy/kubernetes/rbac.yaml',
        env,
      );
      return {
        url,
        caData,
        token: walkthroughExport('METAL3_MGMT_TOKEN', env),
        identity: 'ServiceAccount metal3-portal/metal3-portal',
      };
    default:
      throw new Error(
        `PRODUCTION_E2E_CLUSTER_IDENTITY: "${CLUSTER_IDENTITY}" is not lab-admin or service-account`,
      );
  }
}

function hasKubectl() {
  return (
    spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' })
      .status === 0
  );
}
