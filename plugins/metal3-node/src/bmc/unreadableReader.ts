import { BmcError, BmcReader } from './types';

/**
 * A reader for an address no client can use (unparsable, or the wrong
 * protocol): every read rejects with the reason, so callers report it where
 * they report any other BMC failure.
 */
export function unreadableReader(
  protocol: BmcReader['protocol'],
  error: BmcError,
): BmcReader {
  const fail = () => Promise.reject(error);
  return {
    protocol,
    authenticate: fail,
    system: fail,
    inventory: fail,
    sensors: fail,
    logEntries: fail,
    firmware: fail,
    close: async () => undefined,
  };
}
