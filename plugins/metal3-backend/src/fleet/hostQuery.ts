import {
  detectStuck,
  FleetFindingFilter,
  HostListResponse,
  OperationHistory,
  parseFleetFindingFilter,
} from '@metal3-fleet/plugin-metal3-common';
import { InputError } from '@backstage/errors';
import { servedHostSummary, StoredHostSummary } from './hostSummary';

/** A parsed `GET /hosts` query. */
export interface HostQuery {
  cluster: string[];
  namespace: string[];
  status: string[];
  pool: string[];
  owner: string[];
  vendor: string[];
  protocol: string[];
  power: string[];
  /** `key=value` or `key` (exists). */
  labels: { key: string; value?: string }[];
  /** Free-text terms: matched as substrings; negated terms must not match. */
  text: { term: string; negated: boolean }[];
  /** `-field:value` terms: hosts whose field has that value are left out. */
  exclude: { field: FieldTerm; value: string }[];
  /** Only hosts that need attention (errors or stuck). */
  attention: boolean;
  /** `is:noncompliant`, `is:drift`: only hosts whose runbook findings match. */
  findings: FleetFindingFilter[];
  sort: { field: SortField; descending: boolean };
  limit: number;
  offset: number;
}

const SORT_FIELDS = [
  'name',
  'status',
  'cluster',
  'namespace',
  'pool',
  'vendor',
  'cores',
  'ram',
  'timeInState',
] as const;
type SortField = (typeof SORT_FIELDS)[number];

const FIELD_TERMS = [
  'cluster',
  'namespace',
  'status',
  'pool',
  'owner',
  'vendor',
  'protocol',
  'power',
] as const;
type FieldTerm = (typeof FIELD_TERMS)[number];

export const MAX_LIMIT = 500;

const asArray = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
};

const list = (value: unknown): string[] =>
  asArray(value)
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(Boolean);

/**
 * Reads the query string. The free-text `q` understands `field:value` terms
 * (same fields as the parameters), `label:key=value`, `is:attention`, and a
 * leading `-` to negate a plain term: `q=dell -gpu pool:workers`.
 */
export function parseHostQuery(params: Record<string, unknown>): HostQuery {
  const query: HostQuery = {
    cluster: list(params.cluster),
    namespace: list(params.namespace),
    status: list(params.status),
    pool: list(params.pool),
    owner: list(params.owner),
    vendor: list(params.vendor),
    protocol: list(params.protocol),
    power: list(params.power),
    labels: list(params.label).map(parseLabel),
    text: [],
    exclude: [],
    attention: params.attention === 'true',
    findings: [],
    sort: parseSort(params.sort),
    limit: parseLimit(params.limit),
    offset: decodeCursor(params.cursor),
  };
  for (const token of String(params.q ?? '')
    .split(/\s+/)
    .filter(Boolean)) {
    const colon = token.indexOf(':');
    const field = colon > 0 ? token.slice(0, colon) : '';
    const value = token.slice(colon + 1);
    const excluded = token.startsWith('-')
      ? fieldTerm(token.slice(1))
      : undefined;
    if (excluded) {
      query.exclude.push(excluded);
    } else if ((FIELD_TERMS as readonly string[]).includes(field) && value) {
      (query[field as (typeof FIELD_TERMS)[number]] as string[]).push(value);
    } else if (field === 'label' && value) {
      query.labels.push(parseLabel(value));
    } else if (token === 'is:attention') {
      query.attention = true;
    } else if (parseFleetFindingFilter(token)) {
      query.findings.push(parseFleetFindingFilter(token)!);
    } else if (token.startsWith('-') && token.length > 1) {
      query.text.push({ term: token.slice(1).toLowerCase(), negated: true });
    } else {
      query.text.push({ term: token.toLowerCase(), negated: false });
    }
  }
  return query;
}

/** `field:value` for a field of FIELD_TERMS, else undefined. */
function fieldTerm(
  token: string,
): { field: FieldTerm; value: string } | undefined {
  const colon = token.indexOf(':');
  const field = token.slice(0, colon);
  const value = token.slice(colon + 1);
  return colon > 0 &&
    value &&
    (FIELD_TERMS as readonly string[]).includes(field)
    ? { field: field as FieldTerm, value }
    : undefined;
}

function parseLabel(text: string) {
  const eq = text.indexOf('=');
  return eq < 0
    ? { key: text }
    : { key: text.slice(0, eq), value: text.slice(eq + 1) };
}

function parseSort(value: unknown): HostQuery['sort'] {
  const text = String(value ?? 'name');
  const descending = text.startsWith('-');
  const field = descending ? text.slice(1) : text;
  if (!(SORT_FIELDS as readonly string[]).includes(field)) {
    throw new InputError(
      `sort: "${field}" is not one of ${SORT_FIELDS.join(', ')}`,
    );
  }
  return { field: field as SortField, descending };
}

function parseLimit(value: unknown): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InputError(
      `limit: must be a whole number from 1 to ${MAX_LIMIT}`,
    );
  }
  return limit;
}

/** Cursors are opaque to clients; today they carry an offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeCursor(value: unknown): number {
  if (value === undefined || value === '') return 0;
  try {
    const { o } = JSON.parse(
      Buffer.from(String(value), 'base64url').toString(),
    );
    if (Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new InputError('cursor: not a cursor this API returned');
}

/** A host summary with what a query needs to know about time. */
export interface IndexedHost {
  summary: StoredHostSummary;
  operationHistory: OperationHistory;
  /** Lower-case text the free-text search looks in. */
  haystack: string;
}

const facetValue = {
  status: (h: StoredHostSummary) => h.status.code,
  pool: (h: StoredHostSummary) => h.pool?.name ?? '(none)',
  cluster: (h: StoredHostSummary) => h.cluster,
  vendor: (h: StoredHostSummary) => h.hardware?.manufacturer ?? '(unknown)',
  protocol: (h: StoredHostSummary) => h.bmc.protocol ?? '(none)',
};
type Facet = keyof typeof facetValue;
const FACETS = Object.keys(facetValue) as Facet[];

/**
 * The fleet filters a host's runbook findings match (`is:noncompliant`,
 * `is:drift`), from the checks service's last evaluation of its cluster.
 */
export type FindingFlags = (
  host: IndexedHost,
) => ReadonlySet<FleetFindingFilter> | undefined;

/** Runs a query over indexed hosts: filter, facets, sort, page. Pure given `now` and the flags. */
export function runHostQuery(
  hosts: Iterable<IndexedHost>,
  query: HostQuery,
  now: Date,
  flagsOf?: FindingFlags,
): Omit<HostListResponse, 'staleClusters'> {
  const tests = buildTests(query, now, flagsOf);
  const facets = Object.fromEntries(
    FACETS.map(facet => [facet, {} as Record<string, number>]),
  ) as HostListResponse['facets'];
  const matching: IndexedHost[] = [];
  // One pass: a host failing no test matches and counts in every facet; a
  // host failing only its own facet's test still counts in that facet, so a
  // facet shows the alternatives its own selection hides.
  for (const host of hosts) {
    let failed: Test | undefined;
    let failures = 0;
    for (const test of tests) {
      if (!test.passes(host)) {
        failures += 1;
        failed = test;
        if (failures > 1) break;
      }
    }
    if (failures === 0) {
      matching.push(host);
      for (const facet of FACETS)
        count(facets[facet], facetValue[facet](host.summary));
    } else if (failures === 1 && failed!.facet) {
      count(facets[failed!.facet], facetValue[failed!.facet](host.summary));
    }
  }
  const end = query.offset + query.limit;
  const page = topK(matching, end, comparator(query.sort, now)).slice(
    query.offset,
    end,
  );
  return {
    items: page.map(h => servedHostSummary(timed(h, now).summary)),
    total: matching.length,
    ...(end < matching.length && { nextCursor: encodeCursor(end) }),
    facets,
  };
}

function count(counts: Record<string, number>, value: string) {
  counts[value] = (counts[value] ?? 0) + 1;
}

/** The value each `field:value` search term compares with. */
const FIELD_VALUE: Record<
  FieldTerm,
  (h: StoredHostSummary) => string | undefined
> = {
  cluster: h => h.cluster,
  namespace: h => h.namespace,
  status: h => h.status.code,
  pool: h => h.pool?.name,
  owner: h => h.owner,
  vendor: h => h.hardware?.manufacturer,
  protocol: h => h.bmc.protocol,
  power: h => h.status.power,
};

interface Test {
  facet?: Facet;
  passes(host: IndexedHost): boolean;
}

/** The active filters only: an empty filter costs nothing per host. */
function buildTests(q: HostQuery, now: Date, flagsOf?: FindingFlags): Test[] {
  const tests: Test[] = [];
  const oneOf = (
    values: string[],
    facet: Facet | undefined,
    get: (h: StoredHostSummary) => string | undefined,
    ci = false,
  ) => {
    if (values.length === 0) return;
    const set = new Set(ci ? values.map(v => v.toLowerCase()) : values);
    tests.push({
      facet,
      passes: ({ summary }) => {
        const value = get(summary);
        return value !== undefined && set.has(ci ? value.toLowerCase() : value);
      },
    });
  };
  oneOf(q.cluster, 'cluster', FIELD_VALUE.cluster);
  oneOf(q.namespace, undefined, FIELD_VALUE.namespace);
  oneOf(q.status, 'status', FIELD_VALUE.status);
  oneOf(q.pool, 'pool', FIELD_VALUE.pool);
  oneOf(q.owner, undefined, FIELD_VALUE.owner, true);
  oneOf(q.vendor, 'vendor', FIELD_VALUE.vendor, true);
  oneOf(q.protocol, 'protocol', FIELD_VALUE.protocol);
  oneOf(q.power, undefined, FIELD_VALUE.power);
  if (q.exclude.length > 0) {
    const excluded = q.exclude.map(({ field, value }) => ({
      get: FIELD_VALUE[field],
      value: value.toLowerCase(),
    }));
    tests.push({
      passes: ({ summary }) =>
        !excluded.some(
          ({ get, value }) => get(summary)?.toLowerCase() === value,
        ),
    });
  }
  if (q.labels.length > 0) {
    tests.push({
      passes: ({ summary }) =>
        q.labels.every(({ key, value }) =>
          value === undefined
            ? key in summary.labels
            : summary.labels[key] === value,
        ),
    });
  }
  if (q.attention) {
    tests.push({
      passes: host =>
        host.summary.status.health === 'error' ||
        Boolean(timed(host, now).summary.stuck),
    });
  }
  if (q.findings.length > 0) {
    // Without the checks' flags nothing matches: a filter that cannot be
    // evaluated must not return the whole fleet.
    tests.push({
      passes: host => {
        const flags = flagsOf?.(host);
        return q.findings.every(f => flags?.has(f) ?? false);
      },
    });
  }
  if (q.text.length > 0) {
    tests.push({
      passes: ({ haystack }) =>
        q.text.every(
          ({ term, negated }) => haystack.includes(term) !== negated,
        ),
    });
  }
  return tests;
}

/**
 * The first `k` items in order, without sorting everything: pages are small
 * and the fleet is large, so a bounded insertion beats a full sort.
 */
function topK<T>(
  items: T[],
  k: number,
  compareFn: (a: T, b: T) => number,
): T[] {
  if (k >= items.length / 4) return items.sort(compareFn);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === k && compareFn(item, best[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareFn(best[mid], item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

function timed(host: IndexedHost, now: Date): IndexedHost {
  const report = detectStuck(
    host.summary.provisioningState,
    host.operationHistory,
    now,
  );
  if (report.elapsedSeconds === undefined) return host;
  return {
    ...host,
    summary: {
      ...host.summary,
      timeInStateSeconds: report.elapsedSeconds,
      ...(report.stuck && { stuck: report }),
    },
  };
}

function comparator(sort: HostQuery['sort'], now: Date) {
  const key: Record<SortField, (h: IndexedHost) => string | number> = {
    name: h => h.summary.name,
    status: h => h.summary.status.label,
    cluster: h => h.summary.cluster,
    namespace: h => h.summary.namespace,
    pool: h => h.summary.pool?.name ?? '',
    vendor: h => h.summary.hardware?.manufacturer ?? '',
    cores: h => h.summary.hardware?.cpuCores ?? -1,
    ram: h => h.summary.hardware?.ramGiB ?? -1,
    timeInState: h =>
      detectStuck(h.summary.provisioningState, h.operationHistory, now)
        .elapsedSeconds ?? -1,
  };
  const direction = sort.descending ? -1 : 1;
  const get = key[sort.field];
  return (a: IndexedHost, b: IndexedHost) => {
    const primary = compare(get(a), get(b));
    if (primary !== 0) return primary * direction;
    // Stable, deterministic pages: tie-break on the full identity.
    return (
      compare(a.summary.cluster, b.summary.cluster) ||
      compare(a.summary.namespace, b.summary.namespace) ||
      compare(a.summary.name, b.summary.name)
    );
  };
}

function compare(x: string | number, y: string | number): number {
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

/** The lower-case text free-text search matches against. */
export function haystackOf(h: StoredHostSummary): string {
  return [
    h.name,
    h.namespace,
    h.cluster,
    h.pool?.name,
    h.node?.name,
    h.machine,
    h.owner,
    h.status.label,
    h.hardware?.manufacturer,
    h.hardware?.productName,
    h.hardware?.serialNumber,
    h.hardware?.cpuModel,
    h.bootMACAddress,
    h.bmc.host,
    h.bmc.protocol,
    ...Object.entries(h.labels).map(([k, v]) => `${k}=${v}`),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}
