/**
 * `spec.bootMACAddress` rules: when BMO requires it, and what it accepts.
 */
import { getBmcScheme } from './schemes';

/** The field every boot MAC error refers to. @public */
export const BOOT_MAC_FIELD = 'spec.bootMACAddress';

/** Outcome of {@link validateBootMac}. @public */
export type BootMacResult =
  | { ok: true; mac: string }
  | { ok: false; field: typeof BOOT_MAC_FIELD; message: string };

// Six hex pairs, one separator kind throughout, like Go net.ParseMAC.
const MAC = /^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/;

/**
 * Checks a boot MAC the way the BMO webhook does (Go `net.ParseMAC`, limited
 * to 6-octet Ethernet addresses) and returns it lower case with colons: the
 * CRD pattern only admits colons, so a dash-separated MAC must be rewritten
 * before it is stored.
 *
 * @public
 */
export function validateBootMac(mac: string): BootMacResult {
  const value = typeof mac === 'string' ? mac.trim() : '';
  if (value === '') {
    return {
      ok: false,
      field: BOOT_MAC_FIELD,
      message: 'bootMACAddress is required',
    };
  }
  if (!MAC.test(value)) {
    return {
      ok: false,
      field: BOOT_MAC_FIELD,
      message: `bootMACAddress "${value}" is not a valid MAC address: expected six hex pairs separated by ':' or '-', e.g. 52:54:00:12:34:56`,
    };
  }
  return { ok: true, mac: value.toLowerCase().replace(/-/g, ':') };
}

/**
 * Whether the BMO webhook requires `spec.bootMACAddress`: when the driver
 * needs a pre-created port (`NeedsMAC()`, only libvirt) or when inspection is
 * disabled, since then nothing discovers the NICs. PXE-booting schemes still
 * work best with it set; this answers only "will the API reject the host".
 *
 * @param scheme - base scheme name or a parsed address
 * @param inspectionDisabled - `inspectionMode: disabled` or the
 *   `inspect.metal3.io: disabled` annotation
 * @public
 */
export function needsBootMac(
  scheme: string | { scheme: string },
  inspectionDisabled: boolean,
): boolean {
  if (inspectionDisabled) return true;
  const name =
    typeof scheme === 'string' ? scheme.split('+')[0] : scheme.scheme;
  return getBmcScheme(name)?.needsMac ?? false;
}
