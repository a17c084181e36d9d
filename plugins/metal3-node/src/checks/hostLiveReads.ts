import type {
  Available,
  BmcReport,
  RedfishProbe,
} from '@metal3-fleet/plugin-metal3-common';
import type { ClusterCache } from '../cluster/ClusterCache';
import type { BareMetalHostProjection } from '../cluster/projections';
import type { Metal3BmcService } from '../bmc/service';
import { probeRedfishServiceRoot } from '../bmc/service/redfishServiceRoot';
import type { GuardVerdict } from '../bmc/ssrf';
import { kubePaths } from '../operations/kubePaths';
import { bmcReport, CredentialsFacts, isIpmiHost } from './inputs';

/**
 * The live reads of one host that its page's findings need and the cache
 * does not hold: its BMC Secret's age, its BMC's identity and NICs, whether
 * an IPMI BMC answers Redfish. Each says why when it cannot be read; none
 * keeps a credential (the Secret's data is dropped as soon as it arrives).
 */

/** The BMC Secret's name and creation time. */
export async function readCredentialsFacts(
  cache: Pick<ClusterCache, 'client'>,
  host: BareMetalHostProjection,
): Promise<Available<CredentialsFacts> | undefined> {
  const name = host.credentialsName;
  if (!name || !host.namespace) return undefined;
  const client = cache.client;
  if (!client) return { unavailable: 'the cluster is not connected' };
  try {
    const secret: any = await client.request(
      'GET',
      kubePaths.secret(host.namespace, name),
    );
    return {
      name,
      ...(secret?.metadata?.creationTimestamp && {
        createdAt: secret.metadata.creationTimestamp,
      }),
    };
  } catch (error: any) {
    if (error?.statusCode === 404) {
      return { unavailable: `Secret ${host.namespace}/${name} does not exist` };
    }
    if (error?.statusCode === 403) {
      return {
        unavailable: `the portal may not read Secret ${host.namespace}/${name} (RBAC: get secrets in ${host.namespace})`,
      };
    }
    return {
      unavailable: `Secret ${host.namespace}/${name} could not be read (${
        error?.statusCode ?? 'no answer'
      })`,
    };
  }
}

/** What the host's BMC reports: serial, vendor, model, power (telemetry) and NIC MACs (inventory). */
export async function readBmcReport(
  bmc: Metal3BmcService | undefined,
  target: { cluster: string; namespace: string; name: string },
): Promise<Available<BmcReport>> {
  if (!bmc)
    return { unavailable: 'BMC access is not installed in this backend' };
  try {
    const [reading, inventory] = await Promise.all([
      bmc.telemetry.read(target, { depth: 'system' }),
      bmc.telemetry.inventory(target).catch(() => undefined),
    ]);
    if (!reading.system) {
      const error = reading.errors.find(e => e.part === 'system');
      return { unavailable: error?.message ?? 'the BMC did not answer' };
    }
    return bmcReport(reading.system, inventory);
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}

/** For IPMI hosts: whether the BMC answers Redfish too. */
export async function readRedfishProbe(
  host: BareMetalHostProjection,
  guard: ((host: string) => Promise<GuardVerdict>) | undefined,
  bmcHost: string | undefined,
): Promise<Available<RedfishProbe> | undefined> {
  if (!isIpmiHost(host) || !bmcHost) return undefined;
  if (!guard)
    return { unavailable: 'BMC access is not installed in this backend' };
  try {
    return await probeRedfishServiceRoot(bmcHost, { guard, timeoutMs: 5000 });
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}
