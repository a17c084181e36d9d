import { parseBmcAddress } from '@internal/plugin-metal3-common';
import { createIpmiReader, IpmiReaderOptions } from './ipmi';
import { createRedfishReader } from './redfishReader';
import { BmcClientOptions, BmcError, BmcReader, BmcTarget } from './types';

/** A reader for an address no client understands: every read says why. */
function unreadable(error: BmcError): BmcReader {
  const fail = () => Promise.reject(error);
  return {
    protocol: 'redfish',
    authenticate: fail,
    system: fail,
    inventory: fail,
    sensors: fail,
    logEntries: fail,
    firmware: fail,
    close: async () => undefined,
  };
}

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
  if (!parsed.ok) return unreadable(new BmcError('address', parsed.message));
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
