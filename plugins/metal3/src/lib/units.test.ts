import { formatBytes, formatCount, formatGiB } from './units';

describe('formatBytes', () => {
  it('writes disks in the largest binary unit with one decimal', () => {
    // 2 × 960 GB SSDs as a BMC reports them
    expect(formatBytes(1_920_000_000_000)).toBe('1.7 TiB');
    expect(formatBytes(4_001_000_000_000)).toBe('3.6 TiB');
    expect(formatBytes(480_103_981_056)).toBe('447.1 GiB');
  });

  it('drops a zero decimal and keeps small values in bytes', () => {
    expect(formatBytes(256 * 1024 ** 3)).toBe('256 GiB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });

  it('moves to the next unit instead of writing 1,024 of one', () => {
    expect(formatBytes(1024 ** 4 - 1)).toBe('1 TiB');
    expect(formatBytes(1023.9 * 1024 ** 3)).toBe('1,023.9 GiB');
  });

  it('groups the digits past the largest unit', () => {
    expect(formatBytes(2048 * 1024 ** 6)).toBe('2,048 EiB');
  });

  it('writes a dash for what is not a size', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatGiB', () => {
  it('writes RAM from whole GiB', () => {
    expect(formatGiB(256)).toBe('256 GiB');
    expect(formatGiB(1536)).toBe('1.5 TiB');
    expect(formatGiB(2048)).toBe('2 TiB');
  });
});

describe('formatCount', () => {
  it('groups digits and rounds to whole numbers', () => {
    expect(formatCount(10000)).toBe('10,000');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(1234.6)).toBe('1,235');
  });
});
