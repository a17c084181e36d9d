import { diffConditions } from './conditionDiff';
import { FleetCondition } from './types';

const condition = (key: string, message = 'm'): FleetCondition => ({
  key,
  kind: 'hostError',
  subject: { type: 'host', cluster: 'c', namespace: 'n', name: key },
  entityRef: `resource:default/${key}`,
  owners: [],
  label: 'Error',
  message,
  reason: 'registration error',
});

describe('diffConditions', () => {
  it('reports conditions that entered and cleared, by key', () => {
    const events = diffConditions(
      [condition('a'), condition('b')],
      [condition('b'), condition('c')],
    );
    expect(events.map(e => `${e.type} ${e.condition.key}`)).toEqual([
      'entered c',
      'cleared a',
    ]);
  });

  it('is silent for a condition that stays, whatever its message says now', () => {
    expect(
      diffConditions([condition('a', 'first')], [condition('a', 'second')]),
    ).toEqual([]);
  });
});
