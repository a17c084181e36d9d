import type { RedfishProbe } from '@metal3-fleet/plugin-metal3-common';
import { RedfishTransport } from '../redfishReader/transport';
import { BmcError } from '../types';
import type { GuardVerdict } from '../ssrf';

/**
 * Whether a BMC managed over IPMI also answers Redfish: the unauthenticated
 * service root (`GET https://<host>/redfish/v1/`), through the BMC SSRF
 * guard. No credentials are sent, and the certificate is not required to
 * verify: the question is only whether Redfish is there to switch to.
 * Rejects when the guard refuses the address (the question was not asked).
 *
 * @public
 */
export async function probeRedfishServiceRoot(
  host: string,
  options: {
    guard: (host: string) => Promise<GuardVerdict>;
    timeoutMs: number;
  },
): Promise<RedfishProbe> {
  const transport = new RedfishTransport({
    scheme: 'https',
    host,
    port: 443,
    guard: options.guard,
    rejectUnauthorized: false,
    connectTimeoutMs: options.timeoutMs,
    requestTimeoutMs: options.timeoutMs,
    retries: 0,
    maxResponseBytes: 1024 * 1024,
  });
  try {
    const root = await transport.request('GET', '/redfish/v1/');
    const body = root.body;
    const answers =
      root.status === 200 &&
      typeof body === 'object' &&
      body !== null &&
      (typeof body.RedfishVersion === 'string' || '@odata.id' in body);
    return { answers };
  } catch (error) {
    if (error instanceof BmcError && error.kind === 'refused') throw error;
    // No HTTPS service, connection refused, not Redfish: it does not answer.
    return { answers: false };
  } finally {
    transport.close();
  }
}
