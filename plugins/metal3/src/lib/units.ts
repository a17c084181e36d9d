/**
 * The one place the frontend writes sizes and counts: binary units (a disk of
 * 1.92 TB is "1.7 TiB", as `lsblk` and the BMCs' inventories count), one
 * decimal at most, digits grouped. English grouping whatever the browser's
 * locale, like every other word of the portal, so "1,920" never reads as
 * "1.920" next to a decimal point.
 */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** A whole count with grouped digits: 10000 → "10,000". */
export function formatCount(count: number): string {
  return NUMBER.format(Math.round(count));
}

/**
 * Bytes in the largest binary unit that keeps the number at 1 or more:
 * 1_920_383_410_176 → "1.7 TiB", 274_877_906_944 → "256 GiB", 512 → "512 B".
 * A value that would round up to 1024 of a unit is written in the next one
 * ("1 TiB", never "1,024 GiB").
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let unit = 0;
  let value = bytes;
  while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return `${NUMBER.format(value)} ${UNITS[unit]}`;
}

/** RAM as the inventory gives it (whole GiB): 1536 → "1.5 TiB". */
export function formatGiB(gib: number): string {
  return formatBytes(gib * 1024 ** 3);
}
