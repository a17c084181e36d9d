import { describeDrain } from './maintenance';

describe('describeDrain', () => {
  it('says what a drain had done when it stopped', () => {
    expect(
      describeDrain({
        node: 'w-3',
        cordoned: true,
        podsAtStart: 7,
        podsLeft: 4,
      }),
    ).toBe('node w-3 cordoned; 3 of 7 pods evicted, 4 left');
  });

  it('says when the node is not cordoned (any more)', () => {
    expect(
      describeDrain({
        node: 'w-3',
        cordoned: false,
        podsAtStart: 7,
        podsLeft: 7,
      }),
    ).toBe('node w-3 not cordoned; 0 of 7 pods evicted, 7 left');
  });

  it('never counts a negative number evicted when pods arrived before the cordon', () => {
    expect(
      describeDrain({
        node: 'w-3',
        cordoned: true,
        podsAtStart: 2,
        podsLeft: 3,
      }),
    ).toBe('node w-3 cordoned; 0 of 2 pods evicted, 3 left');
  });

  it('counts what is left when the start was not recorded', () => {
    expect(describeDrain({ node: 'w-3', cordoned: true, podsLeft: 5 })).toBe(
      'node w-3 cordoned; 5 pod(s) left',
    );
  });
});
