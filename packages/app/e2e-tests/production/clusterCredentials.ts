import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { LabCluster } from './lab';
import { REPO_ROOT } from './processes';
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
 * - `service-account` (the default): the portal's own ServiceAccount, bound
 *   to exactly the shipped ClusterRole and Role. The guide's commands
 *   (docs/operations.md, "Cluster access") apply deploy/kubernetes/rbac.yaml
 *   to the lab and issue the token with `kubectl create token`; the lab
 *   enforces RBAC for it as kube-apiserver would, so every feature of the test
 *   passing proves the role is enough.
 * - `lab-admin`: the lab's own admin token (system:masters: RBAC does not
 *   apply), to tell a role problem from anything else when a run fails.
 */
export const CLUSTER_IDENTITY =
  process.env.PRODUCTION_E2E_CLUSTER_IDENTITY ?? 'service-account';

/**
 * The cluster's address, CA and a token, taken with the guide's kubectl
 * commands from the lab's kubeconfig (context `kube-dc-mgmt`).
 */
export async function clusterCredentials(
  cluster: LabCluster,
  kubeconfig: string,
): Promise<ClusterCredentials> {
  const env = { KUBECONFIG: kubeconfig };
  if (!hasKubectl()) {
    // kubectl is optional on a CI machine (scripts/system-packages.sh):
    // without it, the same values straight from the lab, and the same
    // objects and TokenRequest sent over HTTPS.
    return {
      url: cluster.url,
      caData: Buffer.from(cluster.caPem).toString('base64'),
      ...(CLUSTER_IDENTITY === 'lab-admin'
        ? {
            token: cluster.token,
            identity:
              'the lab admin (no kubectl: the guide commands were not run)',
          }
        : {
            token: await serviceAccountTokenOverHttps(cluster),
            identity:
              'ServiceAccount metal3-portal/metal3-portal (no kubectl: rbac.yaml applied over HTTPS)',
          }),
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

/**
 * A GET with the portal's own credentials (what the backend holds): the
 * status and the Status or object the cluster answers.
 */
export function getAsPortal(
  credentials: ClusterCredentials,
  path: string,
): Promise<{ status: number; body: any }> {
  return new Promise((done, failed) => {
    const req = request(
      `${credentials.url}${path}`,
      {
        ca: Buffer.from(credentials.caData, 'base64').toString(),
        headers: { authorization: `Bearer ${credentials.token}` },
      },
      res => {
        let text = '';
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: JSON.parse(text) }),
        );
      },
    );
    req.once('error', failed);
    req.end();
  });
}

/** One HTTPS request to the lab as its admin; resolves to the parsed answer. */
function labRequest(
  cluster: LabCluster,
  method: string,
  path: string,
  body: unknown,
): Promise<any> {
  return new Promise((done, failed) => {
    const req = request(
      `${cluster.url}${path}`,
      {
        method,
        ca: cluster.caPem,
        headers: {
          authorization: `Bearer ${cluster.token}`,
          'content-type': 'application/json',
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? done(JSON.parse(text))
            : failed(new Error(`${method} ${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.once('error', failed);
    req.end(JSON.stringify(body));
  });
}

/**
 * Without kubectl: every object of deploy/kubernetes/rbac.yaml created as
 * the lab's admin (what `kubectl apply` does on an empty cluster), then a
 * TokenRequest for the ServiceAccount (what `kubectl create token` sends).
 */
async function serviceAccountTokenOverHttps(
  cluster: LabCluster,
): Promise<string> {
  const text = readFileSync(
    join(REPO_ROOT, 'deploy/kubernetes/rbac.yaml'),
    'utf8',
  );
  for (const doc of parseAllDocuments(text)) {
    const object = doc.toJS();
    const [group, version] = object.apiVersion.includes('/')
      ? object.apiVersion.split('/')
      : ['', object.apiVersion];
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const ns = object.metadata.namespace
      ? `/namespaces/${object.metadata.namespace}`
      : '';
    await labRequest(
      cluster,
      'POST',
      `${base}${ns}/${object.kind.toLowerCase()}s`,
      object,
    );
  }
  const tokenRequest = await labRequest(
    cluster,
    'POST',
    '/api/v1/namespaces/metal3-portal/serviceaccounts/metal3-portal/token',
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 8760 * 3600 },
    },
  );
  return tokenRequest.status.token;
}
