import { ConfigReader } from '@backstage/config';
import { readApprovalSettings } from './approvalSettings';

describe('readApprovalSettings', () => {
  it('requires nothing by default; a request waits an hour; closed ones stay 30 days', () => {
    expect(readApprovalSettings(new ConfigReader({}))).toEqual({
      required: new Set(),
      expiresAfterMs: 60 * 60_000,
      keepMs: 30 * 24 * 60 * 60_000,
    });
  });

  it('reads metal3.approvals', () => {
    const settings = readApprovalSettings(
      new ConfigReader({
        metal3: {
          approvals: {
            required: ['power-off', 'scale-down'],
            expiresAfterMinutes: 15,
            keepDays: 2,
          },
        },
      }),
    );
    expect([...settings.required]).toEqual(['power-off', 'scale-down']);
    expect(settings.expiresAfterMs).toBe(15 * 60_000);
    expect(settings.keepMs).toBe(2 * 24 * 60 * 60_000);
  });

  it('refuses an operation name it does not know, naming the key and the names it knows', () => {
    expect(() =>
      readApprovalSettings(
        new ConfigReader({
          metal3: { approvals: { required: ['power-off', 'poweroff'] } },
        }),
      ),
    ).toThrow(
      'metal3.approvals.required: "poweroff" is not one of power-off, hard-reboot, remove-from-pool, scale-down, pool-upgrade',
    );
  });

  it('refuses an expiry that is not positive, naming the key', () => {
    expect(() =>
      readApprovalSettings(
        new ConfigReader({
          metal3: { approvals: { expiresAfterMinutes: 0 } },
        }),
      ),
    ).toThrow(
      'metal3.approvals.expiresAfterMinutes: must be a positive number, not 0',
    );
  });
});
