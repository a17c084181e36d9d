import { formatLabelSelector, matchesLabelSelector } from './labelSelector';

const labels = { pool: 'workers', 'hw/ram-gib': '512', rack: 'r1' };

describe('matchesLabelSelector', () => {
  it.each([
    [{}, true],
    [undefined, true],
    [{ matchLabels: { pool: 'workers' } }, true],
    [{ matchLabels: { pool: 'gpu' } }, false],
    [
      {
        matchExpressions: [
          { key: 'hw/ram-gib', operator: 'In', values: ['256', '512'] },
        ],
      },
      true,
    ],
    [
      {
        matchExpressions: [
          { key: 'hw/ram-gib', operator: 'NotIn', values: ['512'] },
        ],
      },
      false,
    ],
    [
      {
        matchExpressions: [{ key: 'gpu', operator: 'NotIn', values: ['a100'] }],
      },
      true,
    ],
    [{ matchExpressions: [{ key: 'rack', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'rack', operator: 'DoesNotExist' }] }, false],
    [
      { matchExpressions: [{ key: 'rack', operator: 'Gt', values: ['1'] }] },
      false,
    ],
    [
      {
        matchLabels: { pool: 'workers' },
        matchExpressions: [{ key: 'rack', operator: 'In', values: ['r2'] }],
      },
      false,
    ],
  ])('%j → %s', (selector, expected) => {
    expect(matchesLabelSelector(labels, selector as any)).toBe(expected);
  });

  it('matches nothing but empty selectors on an unlabelled object', () => {
    expect(matchesLabelSelector(undefined, { matchLabels: { a: 'b' } })).toBe(
      false,
    );
    expect(matchesLabelSelector(undefined, {})).toBe(true);
  });
});

describe('formatLabelSelector', () => {
  it('writes the kubectl form', () => {
    expect(
      formatLabelSelector({
        matchLabels: { pool: 'workers' },
        matchExpressions: [
          { key: 'rack', operator: 'In', values: ['r1', 'r2'] },
          { key: 'gpu', operator: 'DoesNotExist' },
          { key: 'ssd', operator: 'Exists' },
          { key: 'zone', operator: 'NotIn', values: ['z9'] },
        ],
      }),
    ).toBe('pool=workers,rack in (r1,r2),!gpu,ssd,zone notin (z9)');
  });
});
