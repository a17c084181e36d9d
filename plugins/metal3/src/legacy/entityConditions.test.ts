import {
  isMetal3ClusterEntity,
  isMetal3HostEntity,
  isMetal3PoolEntity,
} from './entityConditions';

const entity = (kind: string, type: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: { type },
});

describe('entity conditions of the legacy EntityPage', () => {
  it('picks each Metal3 resource type, and nothing else', () => {
    const host = entity('Resource', 'baremetal-host');
    const pool = entity('Resource', 'worker-pool');
    const cluster = entity('Resource', 'kubernetes-cluster');
    expect([host, pool, cluster].map(isMetal3HostEntity)).toEqual([
      true,
      false,
      false,
    ]);
    expect([host, pool, cluster].map(isMetal3PoolEntity)).toEqual([
      false,
      true,
      false,
    ]);
    expect([host, pool, cluster].map(isMetal3ClusterEntity)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('needs a Resource: a Component of that type is not a host', () => {
    expect(isMetal3HostEntity(entity('Component', 'baremetal-host'))).toBe(
      false,
    );
    expect(isMetal3HostEntity(entity('resource', 'baremetal-host'))).toBe(true);
  });
});
