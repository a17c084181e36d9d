import type { BmcNicDto } from '@metal3-fleet/plugin-metal3-common';
import { normaliseMac, num, text } from './text';

/** The host's own link to its BMC: never a boot NIC. */
const BMC_HOST_INTERFACE = /host ethernet interface|tomanager/i;
/** OS-level names iLO shows when its agent runs: still the physical NIC's MAC. */
const OS_AGGREGATE = /^(bond|team)\d/i;

/**
 * Candidate boot NICs from EthernetInterfaces, ranked: enabled with link up
 * first, then enabled, then the rest. The burned-in MAC wins over an
 * overridden one; duplicates (VLANs, AMI's twins) fold by MAC. Metal3 needs
 * the NIC on the provisioning network, which a BMC cannot know: the UI lets
 * the user choose among these.
 */
export function parseEthernetInterfaces(interfaces: any[]): BmcNicDto[] {
  const byMac = new Map<string, BmcNicDto & { rank: number }>();
  for (const nic of interfaces) {
    const mac =
      normaliseMac(nic?.PermanentMACAddress) ?? normaliseMac(nic?.MACAddress);
    if (!mac || byMac.has(mac)) continue;
    const name = text(nic?.Id) ?? text(nic?.Name);

    if (BMC_HOST_INTERFACE.test(`${nic?.Name ?? ''} ${nic?.Id ?? ''}`))
      continue;
    const enabled =
      nic?.InterfaceEnabled !== false && nic?.Status?.State !== 'Disabled';
    const linkUp = nic?.LinkStatus === 'LinkUp';
    const rank = (enabled ? 0 : 2) + (linkUp ? 0 : 1);
    byMac.set(mac, {
      mac,
      ...(name && { name }),
      ...(num(nic?.SpeedMbps) && { speedMbps: num(nic.SpeedMbps) }),
      ...(nic?.LinkStatus && { linkUp }),
      note: [
        enabled ? 'enabled' : 'disabled',
        linkUp ? 'link up' : 'no link reported',
        ...(OS_AGGREGATE.test(text(nic?.Name) ?? '')
          ? [`the OS calls it ${text(nic.Name)}`]
          : []),
      ].join(', '),
      rank,
    });
  }
  return [...byMac.values()]
    .sort((a, b) => a.rank - b.rank)
    .map(({ rank: _rank, ...nic }) => nic);
}
