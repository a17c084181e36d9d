/**
 * Protocol family and host of a BMC address, for display and filtering only.
 * No credentials are part of a BMC address (they live in the Secret), but a
 * URL can carry userinfo: it is never copied.
 */
/** @public */
export function bmcSummary(address: string | undefined): {
  protocol?: string;
  host?: string;
} {
  if (!address) return {};
  const scheme = address.split(':')[0].toLowerCase();
  const protocol = protocolOf(scheme);
  try {
    // ipmi://host:623 and redfish+https://host/... both parse as URLs.
    const url = new URL(
      address.includes('://')
        ? address
        : `${scheme}://${address.slice(scheme.length + 1)}`,
    );
    return {
      protocol,
      host: url.hostname.replace(/^\[|\]$/g, '') || undefined,
    };
  } catch {
    return { protocol };
  }
}

function protocolOf(scheme: string): string | undefined {
  if (scheme.startsWith('ipmi')) return 'ipmi';
  // Every idrac-* scheme is Redfish-based today.
  if (scheme.includes('redfish') || scheme.startsWith('idrac'))
    return 'redfish';
  return scheme.split('+')[0] || undefined;
}
