import { metal3EntityName } from './entityNames';

const VALID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

describe('metal3EntityName', () => {
  it('is readable when it fits', () => {
    expect(metal3EntityName('kube-dc-mgmt', 'metal3', 'worker-0')).toBe(
      'kube-dc-mgmt.metal3.worker-0',
    );
    expect(metal3EntityName('kube-dc-mgmt', undefined, 'kube-dc-mgmt')).toBe(
      'kube-dc-mgmt.kube-dc-mgmt',
    );
  });

  it('stays within 63 valid characters, stable and distinct for long names', () => {
    const a = metal3EntityName(
      'a-very-long-cluster-name',
      'a-long-namespace',
      `host-${'x'.repeat(40)}-01`,
    );
    const b = metal3EntityName(
      'a-very-long-cluster-name',
      'a-long-namespace',
      `host-${'x'.repeat(40)}-02`,
    );
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(VALID);
    expect(a).not.toBe(b);
    expect(a).toBe(
      metal3EntityName(
        'a-very-long-cluster-name',
        'a-long-namespace',
        `host-${'x'.repeat(40)}-01`,
      ),
    );
    expect(a).toMatch(/-01-[0-9a-f]{8}$/);
  });

  it('does not collide across clusters for the same host name', () => {
    expect(metal3EntityName('c1', 'metal3', 'w')).not.toBe(
      metal3EntityName('c2', 'metal3', 'w'),
    );
  });
});
