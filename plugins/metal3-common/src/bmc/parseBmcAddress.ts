/**
 * Parser for `BareMetalHost.spec.bmc.address`, mirroring what the
 * baremetal-operator webhook accepts so the portal rejects an address before
 * the API server does, and says why in the operator's own words.
 */
import {
  invalidBmcHostMessage,
  isBmcHostName,
  isIPv4,
  isIPv6,
  isNumericHostSpelling,
} from './host';
import {
  BmcProtocol,
  BmcRaid,
  BmcSchemeDeprecation,
  BmcSchemeInfo,
  BmcSchemeName,
  BmcTransport,
  getBmcScheme,
  getRemovedBmcScheme,
} from './schemes';

/** IPMI privilege levels Ironic accepts (`ipmi_priv_level`). @public */
export type IpmiPrivilegeLevel =
  | 'ADMINISTRATOR'
  | 'CALLBACK'
  | 'OPERATOR'
  | 'USER';

const IPMI_PRIVILEGE_LEVELS: readonly IpmiPrivilegeLevel[] = [
  'ADMINISTRATOR',
  'CALLBACK',
  'OPERATOR',
  'USER',
];

/** Port used when the address has none, per transport. @public */
export const BMC_DEFAULT_PORTS: Readonly<Record<BmcTransport, number>> = {
  udp: 623,
  https: 443,
  http: 80,
};

/** The field every address error refers to. @public */
export const BMC_ADDRESS_FIELD = 'spec.bmc.address';

/** A BMC address that BMO would accept, taken apart. @public */
export interface ParsedBmcAddress {
  /** Base scheme, lower case, without `+http`/`+https`. */
  scheme: BmcSchemeName;
  protocol: BmcProtocol;
  transport: BmcTransport;
  /** IP (IPv6 without brackets) or host name, lower case. */
  host: string;
  /** Explicit port, or the transport's default. */
  port: number;
  explicitPort: boolean;
  /** Redfish system path; undefined when omitted or just `/redfish/v1`. */
  systemPath?: string;
  /** Last segment of `/redfish/v1/Systems/<id>`. */
  systemId?: string;
  /** IPMI/libvirt only; `ADMINISTRATOR` unless `?privilegelevel=` says otherwise. */
  privilegeLevel?: IpmiPrivilegeLevel;
  needsProvisioningNetwork: boolean;
  supportsVirtualMedia: boolean;
  supportsSecureBoot: boolean;
  supportsFastInspection: boolean;
  raid: BmcRaid;
  /** BMO `NeedsMAC()`; see {@link needsBootMac} for the full rule. */
  needsMac: boolean;
  /** `https://host[:port]` for the Redfish family: what Ironic is given. */
  redfishBaseUrl?: string;
  /** The same address spelled canonically (scheme always written). */
  normalizedAddress: string;
  /** Set for aliases BMO still accepts but the docs retire. */
  deprecated?: BmcSchemeDeprecation;
}

/** Outcome of {@link parseBmcAddress}. @public */
export type BmcAddressResult =
  | ({ ok: true } & ParsedBmcAddress)
  | { ok: false; field: typeof BMC_ADDRESS_FIELD; message: string };

type Failure = Extract<BmcAddressResult, { ok: false }>;

function fail(message: string): Failure {
  return { ok: false, field: BMC_ADDRESS_FIELD, message };
}

// Go's url.Parse scheme rule: a letter, then letters, digits, `+`, `-`, `.`.
const SCHEME_PREFIX = /^([A-Za-z][A-Za-z0-9+.-]*):/;

interface AddressParts {
  /** Lower-cased; `ipmi` when the address had none. */
  scheme: string;
  authority: string;
  path: string;
  query: string;
}

/**
 * Splits like BMO's `GetParsedURL`: `scheme://…` and `scheme:opaque` (which
 * BMO rewrites to `scheme://opaque`) keep their scheme, anything else is an
 * IPMI `host[:port]`. Note the Go quirk this inherits: `bmc.example:623`
 * reads as scheme `bmc.example`, so only IPs and bracketed IPv6 work
 * scheme-less with a port.
 */
function splitAddress(address: string): AddressParts {
  const match = SCHEME_PREFIX.exec(address);
  const scheme = match ? match[1].toLowerCase() : 'ipmi';
  let rest = match ? address.slice(match[0].length) : address;
  // `scheme:/path` has no authority (so no host); `scheme://host` and BMO's
  // rewritten `scheme:host` do.
  let hasAuthority = true;
  if (match && rest.startsWith('//')) rest = rest.slice(2);
  else if (match && rest.startsWith('/')) hasAuthority = false;
  const withoutFragment = rest.split('#')[0];
  const queryAt = withoutFragment.indexOf('?');
  const beforeQuery =
    queryAt < 0 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const query = queryAt < 0 ? '' : withoutFragment.slice(queryAt + 1);
  const slashAt = hasAuthority ? beforeQuery.indexOf('/') : 0;
  return {
    scheme,
    authority: slashAt < 0 ? beforeQuery : beforeQuery.slice(0, slashAt),
    path: slashAt < 0 ? '' : beforeQuery.slice(slashAt),
    query,
  };
}

function lookupScheme(
  scheme: string,
  address: string,
): { info: BmcSchemeInfo; suffix?: 'http' | 'https' } | Failure {
  const removed = getRemovedBmcScheme(scheme);
  if (removed) {
    return fail(
      `BMC type '${scheme}' was removed in baremetal-operator ${removed.removedIn}; use ${removed.use} instead (address ${address})`,
    );
  }
  const [base, suffix, ...extra] = scheme.split('+');
  const info = getBmcScheme(base);
  const suffixOk =
    suffix === undefined ||
    (info?.transportSuffixes as readonly string[] | undefined)?.includes(
      suffix,
    );
  if (!info || !suffixOk || extra.length > 0) {
    // `bmc.example:623` lands here because of the Go URL quirk above.
    const hint = /^\d+$/.test(address.slice(scheme.length + 1))
      ? `; for IPMI on a port write ipmi://${address}`
      : '';
    return fail(`Unknown BMC type '${scheme}' for address ${address}${hint}`);
  }
  return { info, suffix: suffix as 'http' | 'https' | undefined };
}

const USERINFO_MESSAGE =
  'BMC address must not contain a user name or password; put them in the credentials Secret';

function splitHostPort(
  authority: string,
): { host: string; port?: string } | Failure {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const inner = close < 0 ? authority.slice(1) : authority.slice(1, close);
    const after = close < 0 ? '' : authority.slice(close + 1);
    if (close < 0 || !isIPv6(inner) || !/^(:\d*)?$/.test(after)) {
      return fail(invalidBmcHostMessage(inner));
    }
    return { host: inner, port: after.slice(1) || undefined };
  }
  if (isIPv6(authority)) {
    return fail(
      `${invalidBmcHostMessage(
        authority,
      )}: write IPv6 addresses in brackets, e.g. ipmi://[${authority}]:623`,
    );
  }
  const colon = authority.lastIndexOf(':');
  if (colon < 0) return { host: authority };
  const port = authority.slice(colon + 1);
  if (!/^\d*$/.test(port)) return fail(invalidBmcHostMessage(authority));
  return { host: authority.slice(0, colon), port: port || undefined };
}

function checkHost(host: string): Failure | undefined {
  if (host === '') {
    return fail(`${invalidBmcHostMessage('')}: the address names no host`);
  }
  if (isIPv4(host) || isIPv6(host) || isBmcHostName(host)) return undefined;
  if (isNumericHostSpelling(host)) {
    return fail(
      `${invalidBmcHostMessage(
        host,
      )}: a host name cannot end in a number, and IPv4 addresses are written as four decimal numbers (a.b.c.d) without leading zeros`,
    );
  }
  return fail(invalidBmcHostMessage(host));
}

function parsePort(port: string | undefined, transport: BmcTransport) {
  if (port === undefined) return BMC_DEFAULT_PORTS[transport];
  const n = Number(port);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/**
 * IPMI privilege from the query. BMO copies any value verbatim; Ironic then
 * refuses anything outside its list at enrolment, so the portal refuses it
 * up front (the value is case-sensitive there too).
 */
function parsePrivilegeLevel(
  query: string,
): { level: IpmiPrivilegeLevel; explicit: boolean } | Failure {
  const raw = query
    .split('&')
    .map(pair => pair.split('='))
    .find(([key]) => key === 'privilegelevel');
  if (!raw) return { level: 'ADMINISTRATOR', explicit: false };
  let value = raw.slice(1).join('=');
  try {
    value = decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    // keep the raw value; it fails the check below
  }
  const level = IPMI_PRIVILEGE_LEVELS.find(l => l === value);
  if (!level) {
    return fail(
      `IPMI privilege level '${value}' is not one of ${IPMI_PRIVILEGE_LEVELS.join(
        ', ',
      )} (upper case)`,
    );
  }
  return { level, explicit: true };
}

/**
 * Redfish system path as BMO hands it to Ironic (`redfish_system_id`).
 * Trailing slashes are dropped so `/Systems/1/` and `/Systems/1` compare
 * equal; a bare `/redfish/v1` means "the only system", like no path.
 */
function parseSystemPath(path: string): {
  systemPath?: string;
  systemId?: string;
} {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '' || trimmed.toLowerCase() === '/redfish/v1') return {};
  // Some BMCs spell the collection in lower case, hence /i.
  const id = /^\/redfish\/v1\/systems\/([^/]+)$/i.exec(trimmed)?.[1];
  let systemId = id;
  if (id) {
    try {
      systemId = decodeURIComponent(id);
    } catch {
      systemId = id;
    }
  }
  return { systemPath: trimmed, ...(systemId ? { systemId } : {}) };
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

// Go's url.Parse refuses these; a pasted address often carries them.
function hasSpaceOrControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || /\s/.test(value[i])) return true;
  }
  return false;
}

/**
 * Parses and validates a BMC address the way baremetal-operator does.
 *
 * Deliberately stricter than BMO where BMO accepts something that fails
 * later in Ironic or is clearly a typo: credentials in the URL, ports outside
 * 1-65535, unknown IPMI privilege levels, numeric non-IP host names,
 * whitespace. Removed schemes name the BMO release that dropped them.
 *
 * @public
 */
export function parseBmcAddress(address: string): BmcAddressResult {
  if (typeof address !== 'string' || address === '') {
    return fail('missing BMC address');
  }
  if (hasSpaceOrControl(address)) {
    return fail('BMC address must not contain spaces or control characters');
  }
  // Before anything echoes the address back: an `@` means userinfo (or a
  // password that confused the split), and no BMC path needs one.
  if (address.includes('@')) return fail(USERINFO_MESSAGE);
  const parts = splitAddress(address);
  const scheme = lookupScheme(parts.scheme, address);
  if ('ok' in scheme) return scheme;
  const { info, suffix } = scheme;

  const hostPort = splitHostPort(parts.authority);
  if ('ok' in hostPort) return hostPort;
  const host = hostPort.host.toLowerCase();
  const badHost = checkHost(host);
  if (badHost) return badHost;

  const transport: BmcTransport = suffix ?? info.defaultTransport;
  const port = parsePort(hostPort.port, transport);
  if (port === undefined) {
    return fail(`BMC port ${hostPort.port} is not between 1 and 65535`);
  }
  const authority = `${hostForUrl(host)}${hostPort.port ? `:${port}` : ''}`;

  const common = {
    ok: true as const,
    scheme: info.name,
    protocol: info.protocol,
    transport,
    host,
    port,
    explicitPort: hostPort.port !== undefined,
    needsProvisioningNetwork: info.needsProvisioningNetwork,
    supportsVirtualMedia: info.supportsVirtualMedia,
    supportsSecureBoot: info.supportsSecureBoot,
    supportsFastInspection: info.supportsFastInspection,
    raid: info.raid,
    needsMac: info.needsMac,
    ...(info.deprecated ? { deprecated: info.deprecated } : {}),
  };

  if (info.protocol === 'redfish') {
    const system = parseSystemPath(parts.path);
    const fullScheme = suffix ? `${info.name}+${suffix}` : info.name;
    return {
      ...common,
      ...system,
      redfishBaseUrl: `${transport}://${authority}`,
      normalizedAddress: `${fullScheme}://${authority}${
        system.systemPath ?? ''
      }`,
    };
  }

  // ipmi and libvirt: BMO ignores any path, only the query matters.
  const privilege = parsePrivilegeLevel(parts.query);
  if ('ok' in privilege) return privilege;
  const query = privilege.explicit ? `?privilegelevel=${privilege.level}` : '';
  return {
    ...common,
    privilegeLevel: privilege.level,
    normalizedAddress: `${info.name}://${authority}${query}`,
  };
}
