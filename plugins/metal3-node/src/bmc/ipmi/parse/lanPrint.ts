import type { BmcNicDto } from '@metal3-fleet/plugin-metal3-common';
import { field, parseKeyValues } from './keyValue';

/** The BMC's own LAN settings (`lan print <channel>`). */
export interface IpmiLan {
  ipAddress?: string;
  ipSource?: string;
  subnetMask?: string;
  /** Lower case, colon separated. */
  macAddress?: string;
  defaultGateway?: string;
  vlanId?: string;
  cipherSuites?: number[];
}

const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;

function normalizeMac(value: string | undefined): string | undefined {
  if (!value || !MAC.test(value)) return undefined;
  const mac = value.toLowerCase().replace(/-/g, ':');
  return mac === '00:00:00:00:00:00' ? undefined : mac;
}

export function parseLanPrint(text: string): IpmiLan {
  const fields = parseKeyValues(text);
  const suites = field(fields, 'RMCP+ Cipher Suites');
  return {
    ipAddress: field(fields, 'IP Address'),
    ipSource: field(fields, 'IP Address Source'),
    subnetMask: field(fields, 'Subnet Mask'),
    macAddress: normalizeMac(field(fields, 'MAC Address')),
    defaultGateway: field(fields, 'Default Gateway IP'),
    vlanId: field(fields, '802.1q VLAN ID'),
    cipherSuites: suites
      ?.split(',')
      .map(s => Number(s.trim()))
      .filter(n => Number.isInteger(n)),
  };
}

/**
 * The BMC's port as an inventory NIC, labelled for what it is: IPMI has no
 * standard command that lists the host's NICs, so this is never a boot MAC
 * candidate and the note says where the boot MAC has to come from.
 */
export function bmcNicFromLan(
  lan: IpmiLan,
  channel: number,
): BmcNicDto | undefined {
  if (!lan.macAddress) return undefined;
  const ip = lan.ipAddress ? ` (IP ${lan.ipAddress})` : '';
  return {
    name: `BMC LAN channel ${channel}`,
    mac: lan.macAddress,
    note: `This is the BMC's own network port${ip}, not a host NIC. IPMI cannot report the host's NIC MACs: take spec.bootMACAddress from the NIC on the provisioning network (or from Redfish if this BMC also speaks it).`,
  };
}
