import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterDetails } from '@backstage/plugin-kubernetes-node';
import { withLabToken } from './kubernetesTabModule';

const cluster = (
  name: string,
  authMetadata: Record<string, string> = {},
): ClusterDetails => ({
  name,
  url: 'https://127.0.0.1:6443',
  authMetadata: {
    'kubernetes.io/auth-provider': 'serviceAccount',
    ...authMetadata,
  },
});

describe('withLabToken', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lab-k8s-tab-'));
  mkdirSync(join(stateDir, 'kube-dc-mgmt'));
  writeFileSync(join(stateDir, 'kube-dc-mgmt', 'token'), 'current-token\n');

  it("gives a lab cluster the lab's current token, read from its state folder", () => {
    expect(
      withLabToken(cluster('kube-dc-mgmt'), stateDir).authMetadata
        .serviceAccountToken,
    ).toBe('current-token');
    // rotated while the backend runs: the next request reads the new one
    writeFileSync(join(stateDir, 'kube-dc-mgmt', 'token'), 'rotated');
    expect(
      withLabToken(cluster('kube-dc-mgmt'), stateDir).authMetadata
        .serviceAccountToken,
    ).toBe('rotated');
  });

  it('leaves a cluster with its own token or another auth provider alone', () => {
    const own = cluster('kube-dc-mgmt', { serviceAccountToken: 'site' });
    expect(withLabToken(own, stateDir)).toBe(own);
    const oidc = cluster('kube-dc-mgmt', {
      'kubernetes.io/auth-provider': 'oidc',
    });
    expect(withLabToken(oidc, stateDir)).toBe(oidc);
  });

  it('says which file is missing and which keys to check, without a token in the text', () => {
    expect(() => withLabToken(cluster('prod'), stateDir)).toThrow(
      /Kubernetes cluster prod: no lab token at .*prod\/token\. The lab has not started .*metal3\.lab\.enabled.*kubernetes\.clusterLocatorMethods/,
    );
  });
});
