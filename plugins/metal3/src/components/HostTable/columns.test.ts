import { ALL_COLUMN_IDS, defaultColumnIds } from './columns';

describe('defaultColumnIds', () => {
  it('shows more columns on wider screens, each set within the next', () => {
    const at1280 = defaultColumnIds(1280);
    const at1440 = defaultColumnIds(1440);
    const at1920 = defaultColumnIds(1920);
    expect(at1280).toEqual([
      'name',
      'status',
      'power',
      'pool',
      'node',
      'cluster',
      'time',
    ]);
    expect(at1440).toEqual([...at1280.slice(0, 6), 'cores', 'ram', 'time']);
    expect(at1920.length).toBeGreaterThan(at1440.length);
    expect(at1920).toEqual(expect.arrayContaining(at1440));
  });

  it('keeps the table order and leaves some columns to the chooser', () => {
    const at1920 = defaultColumnIds(1920);
    expect(at1920).toEqual(ALL_COLUMN_IDS.filter(id => at1920.includes(id)));
    expect(at1920).not.toContain('bmc');
    expect(defaultColumnIds(800)).toContain('name');
  });
});
