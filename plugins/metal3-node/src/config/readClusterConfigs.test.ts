import { ConfigReader } from '@backstage/config';
import { readClusterConfigs } from './readClusterConfigs';

const read = (data: object) => readClusterConfigs(new ConfigReader(data));

describe('readClusterConfigs', () => {
  it('returns no clusters when none are configured', () => {
    expect(read({})).toEqual([]);
  });

  it('reads service-account, kubeconfig and in-cluster entries', () => {
    const clusters = read({
      metal3: {
        clusters: [
          {
            name: 'kube-dc-mgmt',
            title: 'Management',
            url: 'https://10.0.0.1:6443',
            serviceAccountToken: 'token',
          },
          {
            name: 'edge',
            authProvider: 'kubeconfig',
            kubeconfig: { file: '/tmp/kubeconfig', context: 'edge' },
          },
          { name: 'self', authProvider: 'inCluster' },
        ],
      },
    });
    expect(clusters).toEqual([
      expect.objectContaining({
        name: 'kube-dc-mgmt',
        title: 'Management',
        authProvider: 'serviceAccount',
        url: 'https://10.0.0.1:6443',
        skipTLSVerify: false,
      }),
      {
        name: 'edge',
        title: 'edge',
        configPath: 'metal3.clusters[1]',
        authProvider: 'kubeconfig',
        kubeconfigFile: '/tmp/kubeconfig',
        context: 'edge',
      },
      {
        name: 'self',
        title: 'self',
        configPath: 'metal3.clusters[2]',
        authProvider: 'inCluster',
      },
    ]);
  });

  it('reads a token file and how often credentials are checked for changes', () => {
    const [cluster] = read({
      metal3: {
        clusters: [
          {
            name: 'hub',
            url: 'https://hub:6443',
            serviceAccountTokenFile: '/var/run/secrets/hub/token',
            credentialsRefreshSeconds: 10,
          },
        ],
      },
    });
    expect(cluster).toEqual({
      name: 'hub',
      title: 'hub',
      configPath: 'metal3.clusters[0]',
      authProvider: 'serviceAccount',
      url: 'https://hub:6443',
      serviceAccountTokenFile: '/var/run/secrets/hub/token',
      skipTLSVerify: false,
      credentialsRefreshSeconds: 10,
    });
  });

  it('reuses a service-account cluster of the Kubernetes plugin by name', () => {
    const [cluster] = read({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'hub',
                url: 'https://hub:6443',
                authProvider: 'serviceAccount',
                serviceAccountToken: 't',
                skipTLSVerify: true,
              },
            ],
          },
        ],
      },
      metal3: { clusters: [{ name: 'hub', kubernetesPluginRef: 'hub' }] },
    });
    expect(cluster).toMatchObject({
      name: 'hub',
      authProvider: 'serviceAccount',
      url: 'https://hub:6443',
      skipTLSVerify: true,
    });
  });

  it.each([
    [
      { name: 'Bad_Name', url: 'https://x' },
      'metal3.clusters[0].name "Bad_Name"',
    ],
    [{ name: 'a' }, 'metal3.clusters[0].url is required'],
    [{ name: 'a', url: 'http://x:6443' }, 'must be reached over https'],
    [{ name: 'a', url: 'not a url' }, 'metal3.clusters[0].url: "not a url"'],
    [{ name: 'a', authProvider: 'oidc' }, 'metal3.clusters[0].authProvider'],
    [
      { name: 'a', kubernetesPluginRef: 'missing' },
      'no cluster named "missing"',
    ],
    [
      {
        name: 'a',
        url: 'https://x',
        serviceAccountToken: 't',
        serviceAccountTokenFile: '/t',
      },
      'metal3.clusters[0]: set serviceAccountToken or serviceAccountTokenFile, not both',
    ],
    [
      { name: 'a', url: 'https://x', credentialsRefreshSeconds: 0 },
      'metal3.clusters[0].credentialsRefreshSeconds',
    ],
  ])('rejects %j with an error naming the field', (entry, message) => {
    expect(() => read({ metal3: { clusters: [entry] } })).toThrow(message);
  });

  it('rejects duplicate names', () => {
    expect(() =>
      read({
        metal3: {
          clusters: [
            { name: 'a', url: 'https://x' },
            { name: 'a', url: 'https://y' },
          ],
        },
      }),
    ).toThrow('metal3.clusters[1].name: duplicate cluster name "a"');
  });

  it('rejects reusing a Kubernetes plugin cluster that needs a user token', () => {
    expect(() =>
      read({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [{ name: 'o', url: 'https://o', authProvider: 'oidc' }],
            },
          ],
        },
        metal3: { clusters: [{ name: 'o', kubernetesPluginRef: 'o' }] },
      }),
    ).toThrow('only serviceAccount clusters can be reused');
  });
});
