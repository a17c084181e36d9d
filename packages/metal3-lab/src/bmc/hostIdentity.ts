import { MockupResource, members, readResource } from './mockupTree';

/** What makes one emulated BMC's server look like the host it manages. @public */
export interface HostIdentity {
  /** The system id the host's BMC address names (e.g. `System.Embedded.1`). */
  systemId?: string;
  /** NIC MACs in order; the first is the boot MAC the BareMetalHost holds. */
  macs: string[];
  serialNumber: string;
  uuid: string;
  manufacturer?: string;
  model?: string;
}

export interface IdentityRewrite {
  /** The mockup's own id of the first ComputerSystem. */
  mockupSystemId: string;
  /** The id the host's BMC serves instead. */
  systemId: string;
  /** Resource text of the mockup → the host's. */
  rewrite(text: string): string;
  /** A request URI of the host's BMC → the mockup's URI. */
  toMockupUri(uri: string): string;
}

/**
 * Turns a captured tree into one host's BMC: its system id, NIC MACs,
 * serial number, UUID and (for vendor-neutral trees) manufacturer and model
 * replace the captured ones everywhere they appear, links included, so a
 * client following `@odata.id` links sees one consistent machine.
 */
export function identityRewrite(
  tree: Map<string, MockupResource>,
  identity: HostIdentity,
): IdentityRewrite {
  const systemUri = members(tree, '/redfish/v1/Systems')[0];
  const system = readResource(tree, systemUri) ?? {};
  const mockupSystemId = systemUri.split('/').filter(Boolean).pop()!;
  const systemId = identity.systemId ?? mockupSystemId;
  const pairs: [string, string][] = [];
  const nicUris = system.EthernetInterfaces
    ? members(tree, system.EthernetInterfaces['@odata.id'])
    : [];
  nicUris.forEach((uri, i) => {
    const nic = readResource(tree, uri) ?? {};
    for (const field of ['MACAddress', 'PermanentMACAddress']) {
      const old: string | undefined = nic[field];
      const replacement = identity.macs[i];
      if (old && replacement && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(old)) {
        pairs.push([old.toLowerCase(), replacement.toLowerCase()]);
        pairs.push([old.toUpperCase(), replacement.toUpperCase()]);
      }
    }
  });
  // Replaced as property values only: a serial can double as an id in links
  // (DMTF's rackmount1 system is /Systems/437XR1138R2, its serial too).
  const property = (name: string, from: unknown, to: unknown) => {
    if (typeof from !== 'string' || to === undefined) return;
    for (const space of ['', ' ']) {
      pairs.push([
        `"${name}":${space}${JSON.stringify(from)}`,
        `"${name}":${space}${JSON.stringify(to)}`,
      ]);
    }
  };
  property('SerialNumber', system.SerialNumber, identity.serialNumber);
  property('UUID', system.UUID, identity.uuid);
  property('Manufacturer', system.Manufacturer, identity.manufacturer);
  property('Model', system.Model, identity.model);
  if (systemId !== mockupSystemId) {
    pairs.push([`/Systems/${mockupSystemId}`, `/Systems/${systemId}`]);
    pairs.push([`"Id": "${mockupSystemId}"`, `"Id": "${systemId}"`]);
    pairs.push([`"Id":"${mockupSystemId}"`, `"Id":"${systemId}"`]);
  }
  const unique = pairs.filter(([a, b]) => a && a !== b);
  return {
    mockupSystemId,
    systemId,
    rewrite: text =>
      unique.reduce((out, [from, to]) => out.split(from).join(to), text),
    toMockupUri: uri =>
      systemId === mockupSystemId
        ? uri
        : uri.replace(
            new RegExp(`/Systems/${escape(systemId)}(?=/|$|\\?)`, 'i'),
            `/Systems/${mockupSystemId}`,
          ),
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
