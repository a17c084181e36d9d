import { clustersOfKubeconfig, kubeconfigFor } from './kubeconfig';

describe('the lab kubeconfig', () => {
  it('gives back each cluster it was written with (address, CA, token)', () => {
    const clusters = [
      {
        name: 'kube-dc-mgmt',
        url: 'https://127.0.0.1:6443',
        caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        token: 'a'.repeat(48),
      },
      {
        name: 'edge-lab',
        url: 'https://127.0.0.1:6444',
        caPem: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n',
        token: 'b'.repeat(48),
      },
    ];
    expect(clustersOfKubeconfig(kubeconfigFor(clusters))).toEqual(clusters);
  });
});
