import { hasQueryToken, setQueryToken } from './queryTokens';

describe('query tokens', () => {
  it('adds a filter after what the user typed and removes it in any case', () => {
    expect(setQueryToken('dell -gpu', 'is:drift', true)).toBe(
      'dell -gpu is:drift',
    );
    expect(setQueryToken('IS:Drift dell', 'is:drift', false)).toBe('dell');
    expect(setQueryToken(undefined, 'is:noncompliant', true)).toBe(
      'is:noncompliant',
    );
  });

  it('finds a token only as a whole word', () => {
    expect(hasQueryToken('dell is:drift', 'is:drift')).toBe(true);
    expect(hasQueryToken('dell -is:drift', 'is:drift')).toBe(false);
    expect(hasQueryToken(undefined, 'is:drift')).toBe(false);
  });
});
