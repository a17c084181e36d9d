/**
 * How baremetal-operator's webhook reads `spec.bmc.address` (its
 * pkg/hardwareutils/bmc registry, see ../shared/notes/metal3.md §3). The lab
 * keeps its own copy on purpose: the portal's parser in metal3-common is
 * tested against this server, so the two must not share code.
 */

interface Driver {
  needsMac: boolean;
  secureBoot: boolean;
  raid: boolean;
  redfish: boolean;
}

const IPMI: Driver = {
  needsMac: false,
  secureBoot: false,
  raid: false,
  redfish: false,
};
const REDFISH: Driver = {
  needsMac: false,
  secureBoot: true,
  raid: true,
  redfish: true,
};

const DRIVERS: Record<string, Driver> = {
  ipmi: IPMI,
  libvirt: { ...IPMI, needsMac: true },
  redfish: REDFISH,
  'redfish-virtualmedia': REDFISH,
  'redfish-uefihttp': REDFISH,
  'idrac-redfish': REDFISH,
  'idrac-virtualmedia': REDFISH,
  'ilo5-redfish': REDFISH,
  'ilo5-virtualmedia': REDFISH,
};

export interface BmcDriverInfo extends Driver {
  scheme: string;
  host: string;
}

/** The driver behind an address, or BMO's error text. */
export function parseBmcAddressLikeBmo(
  address: string,
): BmcDriverInfo | { error: string } {
  let scheme = 'ipmi';
  let rest = address;
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(address);
  if (match) {
    scheme = match[1].toLowerCase();
    rest = match[2];
  }
  const [base, carrier] = scheme.split('+');
  const driver = DRIVERS[base];
  const carrierAllowed =
    carrier === undefined ||
    (driver?.redfish && (carrier === 'http' || carrier === 'https'));
  if (!driver || !carrierAllowed) {
    return { error: `Unknown BMC type '${scheme}' for address ${address}` };
  }
  const authority = rest.split(/[/?]/)[0];
  const host = authority.startsWith('[')
    ? authority.slice(1, authority.indexOf(']'))
    : authority.replace(/:\d+$/, '');
  if (!isIpOrDnsName(host)) {
    return { error: `BMC address hostname/IP : [${host}] is invalid` };
  }
  return { ...driver, scheme, host };
}

function isIpOrDnsName(host: string): boolean {
  if (host.includes(':')) return /^[0-9a-fA-F:.]+$/.test(host); // IPv6
  return (
    host.length > 0 &&
    host.length <= 253 &&
    host
      .split('.')
      .every(label =>
        /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(label),
      )
  );
}
