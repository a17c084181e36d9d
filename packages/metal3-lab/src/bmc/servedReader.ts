import { IdentityRewrite } from './hostIdentity';
import { MockupResource, normaliseUri } from './mockupTree';
import { RedfishReader } from './bmhHardware';

/**
 * Reads resources as one host's BMC serves them (its system id, MACs, serial
 * and UUID in place of the captured ones) without going over HTTP, so what
 * the lab records as the host's hardware is what a Redfish client would find.
 */
export function servedReader(
  tree: Map<string, MockupResource>,
  identity: IdentityRewrite,
): RedfishReader {
  return uri => {
    const resource = tree.get(normaliseUri(identity.toMockupUri(uri)));
    if (!resource || !('json' in resource)) return undefined;
    return JSON.parse(identity.rewrite(resource.json));
  };
}
