/**
 * Host-part checks for BMC addresses. BMO accepts an IP (Go `net.ParseIP`)
 * or an RFC-1123 host name (letters, digits and inner hyphens, labels of at
 * most 63 characters, any case).
 */

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const DNS_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Dotted-quad IPv4 without leading zeros (Go rejects `010.0.0.1` since 1.17
 * because other tools read it as octal).
 *
 * @public
 */
export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every(p => IPV4_OCTET.test(p));
}

/**
 * IPv6 text form: eight hex groups, or fewer with one `::`, optionally ending
 * in an embedded IPv4. Zones (`%eth0`) are rejected, as `net.ParseIP` does.
 *
 * @public
 */
export function isIPv6(value: string): boolean {
  if (!value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  let slots = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    slots += 1; // an IPv4 tail fills two 16-bit groups
  }
  if (!all.every(g => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? slots <= 7 : slots === 8;
}

/**
 * RFC-1123 host name the way BMO's `checkDNSValid` checks it, plus one
 * stricter rule: a name whose last label is a number (`999.1.1.1`,
 * `010.1.1.1`, `0x7f.1`, `bmc.0x10`) is rejected, because it is a mistyped
 * or disguised IP (see {@link isNumericHostSpelling}) and no real top-level
 * domain is numeric.
 *
 * @public
 */
export function isBmcHostName(value: string): boolean {
  if (endsInNumber(value)) return false;
  return value.split('.').every(label => DNS_LABEL.test(label));
}

/** The WHATWG URL parser's test for "this host is an IPv4 address". */
function endsInNumber(value: string): boolean {
  const labels = value.replace(/\.$/, '').split('.');
  return /^(\d+|0x[0-9a-f]*)$/i.test(labels[labels.length - 1]);
}

/**
 * A host that URL parsers and resolvers read as an IPv4 address although it
 * is not written as one: `2130706433`, `0x7f.1`, `017700000001`, `127.1`,
 * `0177.0.0.1`, any name whose last label is a number (the WHATWG URL rule:
 * `https://0x7f.1/` is `https://127.0.0.1/`), or dotted numbers out of range.
 * getaddrinfo turns such spellings into loopback or metadata addresses, so
 * they are refused rather than guessed at.
 *
 * @public
 */
export function isNumericHostSpelling(value: string): boolean {
  return endsInNumber(value) && !isIPv4(value);
}

/**
 * BMO's own wording for a bad host, so messages match what `kubectl apply`
 * would print.
 *
 * @public
 */
export function invalidBmcHostMessage(host: string): string {
  return `BMC address hostname/IP : [${host}] is invalid`;
}
