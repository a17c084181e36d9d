import { ConflictError } from '@backstage/errors';
import { KubeApiError } from '../cluster/kube';
import { withConflictRetry } from './conflictRetry';

const conflict = () =>
  new KubeApiError(409, 'the object has been modified', 'Conflict');

describe('withConflictRetry', () => {
  it('runs the attempt again after a 409, with its checks, until it lands', async () => {
    const attempts: number[] = [];
    const result = await withConflictRetry(
      'Pool p',
      async n => {
        attempts.push(n);
        if (n < 3) throw conflict();
        return 'written';
      },
      { backoffMs: 1 },
    );
    expect(result).toBe('written');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after the bounded attempts with a ConflictError naming the object', async () => {
    let calls = 0;
    const error = await withConflictRetry(
      'The replicas of pool metal3/workers',
      async () => {
        calls++;
        throw conflict();
      },
      { attempts: 4, backoffMs: 1 },
    ).catch(e => e);
    expect(calls).toBe(4);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(
      /^The replicas of pool metal3\/workers changed under 4 attempts in a row \(409 Conflict: the object has been modified\)/,
    );
  });

  it('never retries anything but a stale write', async () => {
    let calls = 0;
    await expect(
      withConflictRetry('Host h', async () => {
        calls++;
        throw new KubeApiError(409, 'exists', 'AlreadyExists');
      }),
    ).rejects.toThrow('exists');
    expect(calls).toBe(1);
  });
});
