import {
  BmcInventoryDto,
  BmcPreflightCheck,
  BmcPreflightCheckId,
  BmcPreflightResponse,
  parseBmcAddress,
} from '@metal3-fleet/plugin-metal3-common';
import type { GuardVerdict } from '../ssrf';
import { BmcReader, BmcTarget } from '../types';
import { bmcErrorMessage } from './errorMessage';
import { probeTcp, probeTls, TlsProbe } from './networkProbes';

export interface PreflightDeps {
  guard: (host: string) => Promise<GuardVerdict>;
  /** Opens a reader for the target (the SSRF guard applies inside). */
  openReader: (target: BmcTarget) => BmcReader;
  probeTcp?: typeof probeTcp;
  probeTls?: typeof probeTls;
  /** Connect/handshake timeout of the network checks, ms (default 5 000). */
  timeoutMs?: number;
}

const ORDER: BmcPreflightCheckId[] = [
  'address',
  'dns',
  'tcp',
  'tls',
  'authentication',
  'system',
  'power',
  'bootMacs',
];

/**
 * Checks a BMC before enrollment, one step at a time so the user sees which
 * one fails: the address as BMO reads it, DNS (through the SSRF guard), the
 * TCP port, the TLS certificate, the credentials, the system, its power
 * state and the NICs that could be the boot NIC. Later steps are skipped
 * when an earlier one fails. Read-only; the password only goes to the BMC.
 */
export async function runPreflight(
  target: BmcTarget,
  deps: PreflightDeps,
): Promise<BmcPreflightResponse> {
  const checks = new Map<BmcPreflightCheckId, BmcPreflightCheck>();
  const set = (
    id: BmcPreflightCheckId,
    status: BmcPreflightCheck['status'],
    message: string,
  ) => checks.set(id, { id, status, message });
  const result = (
    extra: Partial<BmcPreflightResponse> = {},
  ): BmcPreflightResponse => {
    for (const id of ORDER) {
      if (!checks.has(id))
        set(id, 'skipped', 'Skipped: an earlier check failed');
    }
    const list = ORDER.map(id => checks.get(id)!);
    return {
      ok: list.every(c => c.status !== 'fail'),
      checks: list,
      bootMacCandidates: [],
      ...extra,
    };
  };
  const timeoutMs = deps.timeoutMs ?? 5_000;

  const parsed = parseBmcAddress(target.address);
  if (!parsed.ok) {
    set('address', 'fail', parsed.message);
    return result();
  }
  set(
    'address',
    parsed.deprecated ? 'warn' : 'pass',
    `${parsed.scheme} (${parsed.protocol} over ${parsed.transport}) at ${
      parsed.host
    }:${parsed.port}${
      parsed.systemPath ? `, system ${parsed.systemPath}` : ''
    }${
      parsed.deprecated
        ? `; deprecated, use ${parsed.deprecated.replacement}: ${parsed.deprecated.reason}`
        : ''
    }`,
  );

  const verdict = await deps.guard(parsed.host);
  if (!verdict.ok) {
    set('dns', 'fail', verdict.message);
    return result();
  }
  set(
    'dns',
    'pass',
    verdict.address === parsed.host
      ? `${parsed.host} is an address the portal may reach`
      : `${parsed.host} resolves to ${verdict.address}`,
  );

  if (parsed.transport === 'udp') {
    set(
      'tcp',
      'skipped',
      `IPMI uses UDP port ${parsed.port}: checked by authentication`,
    );
    set('tls', 'skipped', 'IPMI does not use TLS');
  } else {
    const tcp = await (deps.probeTcp ?? probeTcp)(
      verdict.address,
      parsed.port,
      timeoutMs,
    );
    if (!tcp.ok) {
      set('tcp', 'fail', tcpMessage(parsed.host, parsed.port, tcp.code));
      return result();
    }
    set(
      'tcp',
      'pass',
      `Port ${parsed.port} on ${parsed.host} accepts connections`,
    );
    if (parsed.transport === 'http') {
      set(
        'tls',
        'warn',
        'Plain HTTP: credentials cross the network unencrypted',
      );
    } else {
      const tls = await (deps.probeTls ?? probeTls)({
        address: verdict.address,
        host: parsed.host,
        port: parsed.port,
        timeoutMs,
        caBundle: target.caBundle,
      });
      const tlsCheck = tlsVerdict(
        tls,
        Boolean(target.disableCertificateVerification),
      );
      set('tls', tlsCheck.status, tlsCheck.message);
      if (tlsCheck.status === 'fail') return result();
    }
  }

  if (!target.username || !target.password) {
    set('authentication', 'skipped', 'No credentials given');
    return result();
  }
  const reader = deps.openReader(target);
  try {
    try {
      await reader.authenticate();
      set('authentication', 'pass', `The BMC accepted user ${target.username}`);
    } catch (error) {
      set('authentication', 'fail', bmcErrorMessage(error));
      return result();
    }
    let inventory: BmcInventoryDto;
    try {
      inventory = await reader.inventory();
    } catch (error) {
      set('system', 'fail', bmcErrorMessage(error));
      const choices = (error as { choices?: string[] }).choices;
      return result(choices ? { systemChoices: choices } : {});
    }
    const { system } = inventory;
    set(
      'system',
      'pass',
      [system.manufacturer, system.model].filter(Boolean).join(' ') +
        (system.serialNumber ? `, serial ${system.serialNumber}` : '') ||
        'System found',
    );
    set(
      'power',
      system.powerState && system.powerState !== 'Unknown' ? 'pass' : 'warn',
      system.powerState && system.powerState !== 'Unknown'
        ? `Power is ${system.powerState}${
            system.health ? `, health ${system.health}` : ''
          }`
        : 'The BMC did not report a power state',
    );
    const candidates =
      reader.protocol === 'ipmi' ? [] : inventory.nics.filter(n => n.mac);
    const [first] = candidates;
    if (first) {
      set(
        'bootMacs',
        'pass',
        `${candidates.length} NIC${
          candidates.length > 1 ? 's' : ''
        }; most likely boot NIC ${first.mac}${
          first.name ? ` (${first.name})` : ''
        }`,
      );
    } else {
      set(
        'bootMacs',
        'warn',
        reader.protocol === 'ipmi'
          ? 'IPMI cannot list the host NICs: enter spec.bootMACAddress by hand'
          : 'The BMC lists no NIC with a MAC address: enter spec.bootMACAddress by hand',
      );
    }
    return result({ system, bootMacCandidates: candidates });
  } finally {
    await reader.close().catch(() => undefined);
  }
}

function tcpMessage(host: string, port: number, code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing listens on ${host}:${port} (connection refused)`;
    case 'ETIMEDOUT':
      return `${host}:${port} did not answer (timed out): a firewall, a wrong address or the BMC is down`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `No route to ${host} (${code})`;
    default:
      return `Cannot connect to ${host}:${port} (${code})`;
  }
}

function tlsVerdict(
  tls: TlsProbe,
  skipVerify: boolean,
): { status: BmcPreflightCheck['status']; message: string } {
  if (!tls.handshake) {
    return {
      status: 'fail',
      message: `TLS handshake failed (${tls.reason}); old BMC firmware may only offer TLS 1.0/1.1`,
    };
  }
  const about = [
    tls.subject,
    tls.validTo && `valid until ${tls.validTo}`,
    tls.protocol,
  ]
    .filter(Boolean)
    .join(', ');
  if (tls.trusted)
    return { status: 'pass', message: `Trusted certificate (${about})` };
  if (skipVerify) {
    return {
      status: 'warn',
      message: `Untrusted certificate (${tls.reason}; ${about}), accepted because disableCertificateVerification is set`,
    };
  }
  return {
    status: 'fail',
    message: `Untrusted certificate (${tls.reason}; ${about}): set disableCertificateVerification, as BMO would need too, or trust its CA`,
  };
}
