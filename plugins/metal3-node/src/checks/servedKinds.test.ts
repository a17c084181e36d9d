import { servedKindsFrom } from './servedKinds';

describe('servedKindsFrom', () => {
  it('collects the versions serving each kind and skips subresources', () => {
    expect(
      servedKindsFrom([
        {
          group: 'cluster.x-k8s.io',
          version: 'v1beta2',
          resources: [
            { name: 'machines', kind: 'Machine' },
            { name: 'machines/status', kind: 'Machine' },
            { name: 'machinedeployments/scale', kind: 'Scale' },
            { name: 'machinedeployments', kind: 'MachineDeployment' },
          ],
        },
        {
          group: 'cluster.x-k8s.io',
          version: 'v1beta1',
          resources: [{ name: 'machines', kind: 'Machine' }],
        },
        { group: 'kubeovn.io', version: 'v1', resources: [] },
      ]),
    ).toEqual([
      {
        group: 'cluster.x-k8s.io',
        kind: 'Machine',
        versions: ['v1beta2', 'v1beta1'],
      },
      {
        group: 'cluster.x-k8s.io',
        kind: 'MachineDeployment',
        versions: ['v1beta2'],
      },
    ]);
  });
});
