import { timelineItems } from './timelineItems';

const t = (hour: number) => new Date(Date.UTC(2026, 11, 7, hour)).toISOString();

describe('timelineItems', () => {
  it('merges operations and events newest first, with their outcome', () => {
    const items = timelineItems(
      [
        {
          id: 'op-1',
          action: 'maintenance-on',
          target: { cluster: 'c', namespace: 'metal3', name: 'worker-0' },
          state: 'failed',
          startedAt: t(9),
          finishedAt: t(10),
          log: [],
          error: 'drain timed out: 2 pods left',
        },
      ],
      [
        {
          type: 'Warning',
          reason: 'PowerOff',
          message: 'host powered off',
          count: 3,
          lastSeen: t(11),
          object: 'BareMetalHost/worker-0',
        },
        {
          type: 'Normal',
          reason: 'Registered',
          message: 'registered',
          count: 1,
          firstSeen: t(8),
          object: 'BareMetalHost/worker-0',
        },
        // No time: cannot be placed.
        {
          type: 'Normal',
          reason: 'Unknown',
          message: '',
          count: 1,
          object: 'Node/w-0',
        },
      ],
      Date.parse(t(0)),
    );
    expect(items.map(i => [i.title, i.tone, i.detail])).toEqual([
      [
        'PowerOff (BareMetalHost/worker-0)',
        'warning',
        'host powered off — 3 times',
      ],
      [
        'Maintenance (cordon and drain)',
        'error',
        'drain timed out: 2 pods left',
      ],
      ['Registered (BareMetalHost/worker-0)', 'ok', 'registered'],
    ]);
  });

  it('leaves out what happened before the window', () => {
    expect(
      timelineItems(
        [],
        [
          {
            type: 'Normal',
            reason: 'Old',
            message: '',
            count: 1,
            lastSeen: t(1),
            object: 'Node/w-0',
          },
        ],
        Date.parse(t(2)),
      ),
    ).toEqual([]);
  });
});
