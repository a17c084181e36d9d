import { ConfigReader } from '@backstage/config';
import { readOperationsSettings, replicaName } from './operationsSettings';

describe('readOperationsSettings', () => {
  it('defaults to a 30 s lease and a week of history', () => {
    expect(readOperationsSettings(new ConfigReader({}))).toEqual({
      leaseMs: 30_000,
      keepMs: 7 * 24 * 60 * 60_000,
    });
  });

  it('reads metal3.operations', () => {
    expect(
      readOperationsSettings(
        new ConfigReader({
          metal3: { operations: { leaseSeconds: 2, keepDays: 1 } },
        }),
      ),
    ).toEqual({ leaseMs: 2000, keepMs: 24 * 60 * 60_000 });
  });

  it('refuses a lease that is not positive, naming the key', () => {
    expect(() =>
      readOperationsSettings(
        new ConfigReader({ metal3: { operations: { leaseSeconds: 0 } } }),
      ),
    ).toThrow(
      'metal3.operations.leaseSeconds: must be a positive number, not 0',
    );
  });
});

describe('replicaName', () => {
  it('differs for every process start, even on the same host', () => {
    expect(replicaName()).not.toBe(replicaName());
    expect(replicaName()).toMatch(/^.+\/\d+\/[0-9a-f]{6}$/);
  });
});
