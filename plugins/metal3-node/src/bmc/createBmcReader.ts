import { parseBmcAddress } from '@metal3-fleet/plugin-metal3-common';
import { createIpmiReader, IpmiReaderOptions } from './ipmi';
import { createRedfishReader } from './redfishReader';
import { BmcClientOptions, BmcError, BmcReader, BmcTarget } from './types';
import { unreadableReader } from './unreadableReader';

/**
 * The reader for a BareMetalHost address: Redfish for the Redfish family
 * (`redfish`, `idrac-redfish`, `*-virtualmedia`, …), ipmitool for `ipmi`
 * and `libvirt` (VirtualBMC speaks IPMI).
 */
export function createBmcReader(
  target: BmcTarget,
  options: BmcClientOptions & {
    ipmi?: Omit<IpmiReaderOptions, keyof BmcClientOptions>;
  },
): BmcReader {
  const parsed = parseBmcAddress(target.address);
  if (!parsed.ok)
    return unreadableReader('redfish', new BmcError('address', parsed.message));
  if (parsed.protocol === 'redfish')
    return createRedfishReader(target, options);
  // IPMI keeps its own timing defaults (a 2 s answer wait, a 60 s hard limit
  // for a full `sensor list`): the HTTP timeouts of metal3.bmc do not fit it.
  const {
    requestTimeoutMs: _r,
    connectTimeoutMs: _c,
    ipmi,
    ...common
  } = options;
  return createIpmiReader(target, { ...common, ...ipmi });
}
