import { startLabProcess } from './labProcess';

describe('startLabProcess', () => {
  it('serves the seeded fleet from its own process and stops it', async () => {
    const lab = await startLabProcess({ hosts: 3 });
    try {
      const k8s = await import('@kubernetes/client-node');
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(lab.kubeconfig);
      kc.setCurrentContext('kube-dc-mgmt');
      const hosts: any = await kc
        .makeApiClient(k8s.CustomObjectsApi)
        .listNamespacedCustomObject({
          group: 'metal3.io',
          version: 'v1alpha1',
          namespace: 'bench',
          plural: 'baremetalhosts',
        });
      expect(hosts.items.map((h: any) => h.metadata.name).sort()).toEqual([
        'bench-00000',
        'bench-00001',
        'bench-00002',
      ]);
      expect(lab.child.pid).not.toBe(process.pid);
    } finally {
      await lab.stop();
    }
    expect(lab.child.exitCode ?? lab.child.signalCode).not.toBeNull();
  }, 60_000);
});
