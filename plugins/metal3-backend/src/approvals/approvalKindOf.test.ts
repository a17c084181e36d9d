import { hostActionApprovalKind, isScaleDown } from './approvalKindOf';

describe('hostActionApprovalKind', () => {
  it('makes power-off and hard reboot of provisioned hosts risky, not of free ones', () => {
    expect(hostActionApprovalKind('power-off', {}, 'provisioned')).toBe(
      'power-off',
    );
    expect(
      hostActionApprovalKind('power-off', {}, 'externally provisioned'),
    ).toBe('power-off');
    expect(hostActionApprovalKind('power-off', {}, 'available')).toBe(
      undefined,
    );
    expect(
      hostActionApprovalKind('reboot', { mode: 'hard' }, 'provisioned'),
    ).toBe('hard-reboot');
    expect(
      hostActionApprovalKind('reboot', { mode: 'soft' }, 'provisioned'),
    ).toBe(undefined);
    expect(hostActionApprovalKind('reboot', {}, 'provisioned')).toBe(undefined);
  });

  it('makes every removal from a pool risky, and nothing else', () => {
    expect(hostActionApprovalKind('remove-from-pool', {}, 'provisioned')).toBe(
      'remove-from-pool',
    );
    for (const action of ['power-on', 'inspect', 'maintenance-on'] as const) {
      expect(hostActionApprovalKind(action, {}, 'provisioned')).toBe(undefined);
    }
  });
});

describe('isScaleDown', () => {
  it('is a smaller target or a negative change', () => {
    expect(isScaleDown({ to: 1 }, 2)).toBe(true);
    expect(isScaleDown({ to: 2 }, 2)).toBe(false);
    expect(isScaleDown({ to: 3 }, 2)).toBe(false);
    expect(isScaleDown({ by: -1 }, 2)).toBe(true);
    expect(isScaleDown({ by: 1 }, 2)).toBe(false);
  });
});
