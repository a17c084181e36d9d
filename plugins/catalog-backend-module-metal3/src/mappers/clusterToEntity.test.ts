import { clusterToEntity } from './clusterToEntity';

describe('clusterToEntity', () => {
  it('maps a service-account cluster without copying its token', () => {
    const entity = clusterToEntity(
      {
        name: 'kube-dc-mgmt',
        title: 'Kube-DC management',
        authProvider: 'serviceAccount',
        url: 'https://10.0.0.1:6443',
        serviceAccountToken: 'sentinel-token',
        caData: 'sentinel-ca',
        skipTLSVerify: false,
      },
      { providerName: 'metal3:kube-dc-mgmt', owner: 'group:default/ops' },
    );
    expect(entity.kind).toBe('Resource');
    expect(entity.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/ops',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'kubernetes.io/api-server': 'https://10.0.0.1:6443',
      'backstage.io/managed-by-location': 'metal3-provider:metal3:kube-dc-mgmt',
      'backstage.io/kubernetes-cluster': 'kube-dc-mgmt',
    });
    expect(JSON.stringify(entity)).not.toMatch(/sentinel/);
  });

  it('omits the API server annotation for kubeconfig clusters', () => {
    const entity = clusterToEntity(
      {
        name: 'lab',
        title: 'lab',
        authProvider: 'kubeconfig',
        kubeconfigFile: '/x',
      },
      { providerName: 'metal3:lab', owner: 'group:default/ops' },
    );
    expect(entity.metadata.annotations).not.toHaveProperty(
      'kubernetes.io/api-server',
    );
  });
});
