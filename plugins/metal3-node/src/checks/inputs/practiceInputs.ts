import {
  Available,
  HostPracticeFacts,
  HostSpecFacts,
  parseBmcAddress,
  RedfishProbe,
} from '@metal3-fleet/plugin-metal3-common';
import type { BareMetalHostProjection } from '../../cluster/projections';
import { FleetLookup, poolTemplate } from '../../fleet/fleetLinks';
import { LinkedHost } from './hostLinks';

/**
 * The scheme as written in `spec.bmc.address`, with its `+http`/`+https`
 * suffix; an address without scheme is IPMI (BMO's default).
 */
export function bmcSchemeOf(address: string): string {
  return (
    /^([a-z][a-z0-9+.-]*):\/\//i.exec(address)?.[1].toLowerCase() ?? 'ipmi'
  );
}

/** The spec facts of a host the practice checks read. */
export function hostSpecFacts(
  host: BareMetalHostProjection,
  templateAutomatedCleaningMode: string | undefined,
): Available<HostSpecFacts> {
  if (!host.bmcAddress) {
    return { unavailable: `${host.name} has no spec.bmc.address` };
  }
  const parsed = parseBmcAddress(host.bmcAddress);
  return {
    ...(host.hardware && { diskCount: host.hardware.diskCount }),
    ...(host.rootDeviceHints && { rootDeviceHints: host.rootDeviceHints }),
    ...(host.automatedCleaningMode && {
      automatedCleaningMode: host.automatedCleaningMode,
    }),
    ...(templateAutomatedCleaningMode && { templateAutomatedCleaningMode }),
    bmcScheme: bmcSchemeOf(host.bmcAddress),
    ...(parsed.ok && { bmcHost: parsed.host }),
    ...(host.disableCertificateVerification !== undefined && {
      disableCertificateVerification: host.disableCertificateVerification,
    }),
  };
}

/** What the checks service remembers of a host's BMC Secret (never its data). */
export interface CredentialsFacts {
  name: string;
  createdAt?: string;
}

/** One host's practice facts, with what live reads found (Secret, Redfish probe), when they ran. */
export function hostPracticeFacts(
  cache: FleetLookup,
  worker: LinkedHost,
  live: {
    credentials?: Available<CredentialsFacts>;
    redfish?: Available<RedfishProbe>;
  },
): HostPracticeFacts {
  const { host } = worker;
  const template = worker.links.pool
    ? poolTemplate(cache, worker.links.pool)
    : undefined;
  let credentials: HostPracticeFacts['credentials'];
  if (!host.credentialsName) {
    credentials = {
      unavailable: `${host.name} has no spec.bmc.credentialsName`,
    };
  } else if (live.credentials) {
    credentials = live.credentials;
  } else {
    credentials = {
      unavailable: `Secret ${host.credentialsName} is read when the host's findings are asked for`,
    };
  }
  return {
    host: worker.ref,
    ...(worker.pool && { pool: worker.pool }),
    spec: hostSpecFacts(host, template?.automatedCleaningMode),
    ...(live.redfish && { redfish: live.redfish }),
    credentials,
  };
}

/** Whether a host is managed over IPMI (the Redfish-over-IPMI check probes those). */
export function isIpmiHost(host: BareMetalHostProjection): boolean {
  if (!host.bmcAddress) return false;
  const parsed = parseBmcAddress(host.bmcAddress);
  return parsed.ok && parsed.protocol === 'ipmi';
}
