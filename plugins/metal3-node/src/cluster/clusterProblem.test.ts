import { Metal3ClusterConfig } from '../config';
import { describeClusterProblem, describeMissingCrds } from './clusterProblem';
import { ClusterConfigError, KubeApiError } from './kube';

const SECRET = 'sekret-token-0123';

const serviceAccount: Metal3ClusterConfig = {
  name: 'mgmt',
  title: 'mgmt',
  configPath: 'metal3.clusters[0]',
  authProvider: 'serviceAccount',
  url: 'https://10.0.0.1:6443',
  serviceAccountToken: SECRET,
  skipTLSVerify: false,
};
const kubeconfig: Metal3ClusterConfig = {
  name: 'edge',
  title: 'edge',
  configPath: 'metal3.clusters[1]',
  authProvider: 'kubeconfig',
  kubeconfigFile: '/etc/portal/kubeconfig',
  context: 'edge',
  credentialsRefreshSeconds: 30,
};
const server = 'https://10.0.0.1:6443';

/** undici's fetch failure: the reason is in `cause`. */
const fetchFailed = (code: string) =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error(code), { code }),
  });

describe('describeClusterProblem', () => {
  it('tells an inline token to be replaced and restarted, or moved to a file', () => {
    const problem = describeClusterProblem(
      serviceAccount,
      server,
      new KubeApiError(401, 'Unauthorized', 'Unauthorized'),
    );
    expect(problem).toEqual({
      code: 'unauthorized',
      message:
        "Cluster mgmt: the API server at https://10.0.0.1:6443 refused the portal's credentials (401 Unauthorized)",
      fix: expect.stringContaining(
        'metal3.clusters[0].serviceAccountToken is not (or no longer) valid',
      ),
    });
    expect(problem.fix).toContain('metal3.clusters[0].serviceAccountTokenFile');
    expect(JSON.stringify(problem)).not.toContain(SECRET);
  });

  it('points a kubeconfig 401 at the file and context, and says it is re-read', () => {
    const { fix } = describeClusterProblem(
      kubeconfig,
      server,
      new KubeApiError(401, 'Unauthorized', 'Unauthorized'),
    );
    expect(fix).toContain(
      'context "edge" in /etc/portal/kubeconfig (metal3.clusters[1].kubeconfig.file)',
    );
    expect(fix).toContain('every 30 s, so no restart is needed');
  });

  it.each([
    [fetchFailed('ECONNREFUSED'), 'unreachable', 'metal3.clusters[0].url'],
    [fetchFailed('ENOTFOUND'), 'unreachable', 'metal3.clusters[0].url'],
    [
      new Error('GET /apis/metal3.io: no answer within 60 s'),
      'unreachable',
      'metal3.clusters[0].url',
    ],
    [
      fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'),
      'tls',
      'metal3.clusters[0].caData',
    ],
    [
      new KubeApiError(
        403,
        'baremetalhosts.metal3.io is forbidden: User "system:serviceaccount:portal:metal3" cannot list resource',
        'Forbidden',
      ),
      'forbidden',
      'RBAC',
    ],
    [
      new KubeApiError(429, 'Too many requests', 'TooManyRequests', [], 7),
      'throttled',
      'FlowSchema',
    ],
    [
      new ClusterConfigError(
        'metal3.clusters[0].serviceAccountTokenFile',
        'cannot read /t (ENOENT)',
      ),
      'config',
      'metal3.clusters[0].serviceAccountTokenFile',
    ],
    [new KubeApiError(500, 'etcd timeout'), 'failing', 'API server'],
  ])('maps %s to %s with a fix naming %s', (error, code, named) => {
    const problem = describeClusterProblem(serviceAccount, server, error);
    expect(problem.code).toBe(code);
    expect(problem.message).toMatch(/^Cluster mgmt/);
    expect(problem.fix).toContain(named);
  });

  it('names where a kubeconfig cluster gets its URL from when unreachable', () => {
    expect(
      describeClusterProblem(kubeconfig, undefined, fetchFailed('ECONNREFUSED'))
        .fix,
    ).toContain(
      'the server of context "edge" in /etc/portal/kubeconfig (metal3.clusters[1].kubeconfig.file)',
    );
  });

  it('names the throttling wait the server asked for', () => {
    expect(
      describeClusterProblem(
        serviceAccount,
        server,
        new KubeApiError(429, 'Too many requests', 'TooManyRequests', [], 7),
      ).message,
    ).toContain('retry after 7 s');
  });
});

describe('describeMissingCrds', () => {
  it('names each missing CRD as kubectl lists it', () => {
    expect(
      describeMissingCrds(serviceAccount, ['baremetalhosts', 'ippools']),
    ).toMatchObject({
      code: 'missing-crds',
      message:
        'Cluster mgmt serves no baremetalhosts.metal3.io, ippools.ipam.metal3.io (CRDs not installed)',
    });
  });
});
