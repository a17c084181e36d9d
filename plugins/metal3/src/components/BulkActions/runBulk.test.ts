import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { runBulk } from './runBulk';

const hosts = ['a', 'b', 'c', 'd', 'e'].map(
  name => ({ cluster: 'c', namespace: 'n', name } as HostSummaryDto),
);

describe('runBulk', () => {
  it('never runs more requests at once than allowed and keeps going past failures', async () => {
    let running = 0;
    let peak = 0;
    const progress: number[] = [];
    const outcomes = await runBulk(
      hosts,
      async host => {
        running++;
        peak = Math.max(peak, running);
        await new Promise(resolve => setTimeout(resolve, 5));
        running--;
        if (host.name === 'b') throw new Error('BMC timeout');
        if (host.name === 'c')
          return {
            operation: {
              id: 'op-1',
              action: 'maintenance-on',
              target: { cluster: 'c', namespace: 'n', name: 'c' },
              state: 'running',
              startedAt: '2026-11-25T10:00:00Z',
              log: [],
            },
          };
        return { changed: host.name !== 'd', message: `${host.name} done` };
      },
      done => progress.push(done),
      2,
    );
    expect(peak).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.map(o => [o.host.name, o.state])).toEqual([
      ['a', 'changed'],
      ['b', 'failed'],
      ['c', 'started'],
      ['d', 'unchanged'],
      ['e', 'changed'],
    ]);
    expect(outcomes[1].message).toBe('BMC timeout');
  });
});
