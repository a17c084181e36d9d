import { createHash } from 'node:crypto';
import { HostIdentity } from './hostIdentity';
import { MockupResource, members, readResource } from './mockupTree';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A host identity derived from its id alone: the same id always gives the
 * same MACs, serial number and UUID (a restarted lab matches the hosts it
 * stored), different ids practically never collide (40 hash bits per MAC).
 * MACs are locally administered unicast (02:…), so they cannot clash with a
 * real vendor's. One MAC per EthernetInterface of the mockup's first system,
 * in member order, as `identityRewrite` assigns them.
 */
export function identityFromHostId(
  hostId: string,
  tree: Map<string, MockupResource>,
): HostIdentity {
  const systemUri = members(tree, '/redfish/v1/Systems')[0];
  const system = systemUri ? readResource(tree, systemUri) : undefined;
  const nicCount = system?.EthernetInterfaces
    ? members(tree, system.EthernetInterfaces['@odata.id']).length
    : 0;
  const macs = Array.from({ length: nicCount }, (_, i) => {
    const bytes = digest(`${hostId}\0nic${i}`).subarray(0, 5);
    return ['02', ...[...bytes].map(b => b.toString(16).padStart(2, '0'))].join(
      ':',
    );
  });
  const hex = digest(`${hostId}\0identity`).toString('hex');
  return {
    macs,
    serialNumber: `LAB${hex.slice(0, 8).toUpperCase()}`,
    uuid: [
      hex.slice(8, 16),
      hex.slice(16, 20),
      `4${hex.slice(21, 24)}`,
      `8${hex.slice(25, 28)}`,
      hex.slice(28, 40),
    ].join('-'),
  };
}
