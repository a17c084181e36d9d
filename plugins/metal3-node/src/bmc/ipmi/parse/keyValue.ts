/**
 * Reads ipmitool's `Key   : value` listings (`chassis status`, `mc info`,
 * `lan print`, `fru print`). Only the first colon separates key from value:
 * values such as MAC addresses and times contain colons themselves.
 * Continuation lines (` : value` or indented words without a colon) are
 * skipped: no field this module needs spans several lines.
 */
export function parseKeyValues(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (key === '' || fields.has(key)) continue;
    fields.set(key, line.slice(colon + 1).trim());
  }
  return fields;
}

/** A field's value, or undefined when missing or empty. Keys are case-insensitive. */
export function field(
  fields: Map<string, string>,
  key: string,
): string | undefined {
  const value = fields.get(key.toLowerCase());
  return value ? value : undefined;
}

/**
 * Splits one row of ipmitool's table output: `|`-separated in the default
 * format, `,`-separated with `-c`. Cells are trimmed (ipmitool pads them).
 */
export function splitRow(line: string): string[] {
  const separator = line.includes('|') ? '|' : ',';
  return line.split(separator).map(cell => cell.trim());
}

/** Non-empty lines of a command's output. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).filter(line => line.trim() !== '');
}
