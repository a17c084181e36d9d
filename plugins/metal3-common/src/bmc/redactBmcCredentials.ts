/**
 * The one place BMC credentials are cut out of addresses and texts.
 *
 * A BareMetalHost address must not carry credentials (they belong in the
 * Secret), but baremetal-operator's webhook accepts whatever Go's URL parser
 * accepts, userinfo included (`redfish://root:calvin@10.0.0.5/...`), and
 * Ironic or BMO may quote such an address in an error message or event. The
 * portal applies this function where an address or such a text enters it
 * (the BareMetalHost projection, event messages, the preflight request), so
 * nothing downstream (API rows, host page, catalog entities, logs, audit
 * records, error texts) ever holds the userinfo.
 */

/** What stands where the user name and password were. @public */
export const REDACTED_USERINFO = '***';

// `scheme://` then a run without white space that contains an `@`: the
// greedy run ends at the last `@`, so a password holding `@`, `/`, `?` or
// `#` is cut out whole. Over-redacting an `@` that belongs to a path costs
// nothing: the parser refuses any address with an `@` anyway.
const HIERARCHICAL = /([A-Za-z][A-Za-z0-9+.-]*:\/\/)\S*@/g;
// `scheme:user:password@host` (no `//`): BMO rewrites `scheme:opaque` to
// `scheme://opaque`, so this is userinfo too. Only BMC schemes (current and
// removed ones) are kept in front; any other prefix may be a user name.
const BMC_SCHEME_WORD =
  /^["'(<[]?(ipmi|libvirt|redfish|idrac|ilo\d|ibmc|irmc)[A-Za-z0-9+.-]*:(?!\/\/)/i;

/**
 * Replaces the userinfo of every BMC address in `text` with
 * {@link REDACTED_USERINFO}: `redfish://root:pw@h/x` → `redfish://***@h/x`.
 * Works on a whole address (also `redfish:root:pw@h` and scheme-less
 * `root:pw@h`, where everything before the last `@` goes) and on free text
 * that quotes addresses (an event message, an Ironic error). Text without
 * userinfo comes back unchanged.
 *
 * @public
 */
export function redactBmcCredentials(text: string): string;
/** @public */
export function redactBmcCredentials(text: undefined): undefined;
/** @public */
export function redactBmcCredentials(
  text: string | undefined,
): string | undefined;
export function redactBmcCredentials(
  text: string | undefined,
): string | undefined {
  if (typeof text !== 'string' || !text.includes('@')) return text;
  const hierarchical = text.replace(HIERARCHICAL, `$1${REDACTED_USERINFO}@`);
  if (!/\s/.test(hierarchical)) return redactOpaque(hierarchical);
  // Free text: only words that start like a BMC address lose their userinfo;
  // "mail admin@example.com" stays readable.
  return hierarchical.replace(/\S+/g, word =>
    BMC_SCHEME_WORD.test(word) ? redactOpaque(word) : word,
  );
}

/** `scheme:userinfo@rest` or `userinfo@rest`: everything before the last `@` but a BMC scheme. */
function redactOpaque(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(0, at).endsWith(`//${REDACTED_USERINFO}`)) {
    return address;
  }
  const scheme = BMC_SCHEME_WORD.exec(address)?.[0] ?? '';
  if (scheme.length > at) return address;
  return `${scheme}${REDACTED_USERINFO}${address.slice(at)}`;
}
