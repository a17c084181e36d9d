import {
  detectStuck,
  HostListResponse,
  HostSummaryDto,
  OperationHistory,
} from '@internal/plugin-metal3-common';
import { InputError } from '@backstage/errors';

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
  /** Only hosts that need attention (errors or stuck). */
  attention: boolean;
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
    attention: params.attention === 'true',
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
    if ((FIELD_TERMS as readonly string[]).includes(field) && value) {
      (query[field as (typeof FIELD_TERMS)[number]] as string[]).push(value);
    } else if (field === 'label' && value) {
      query.labels.push(parseLabel(value));
    } else if (token === 'is:attention') {
      query.attention = true;
    } else if (token.startsWith('-') && token.length > 1) {
      query.text.push({ term: token.slice(1).toLowerCase(), negated: true });
    } else {
      query.text.push({ term: token.toLowerCase(), negated: false });
    }
  }
  return query;
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
  summary: HostSummaryDto;
  operationHistory: OperationHistory;
  /** Lower-case text the free-text search looks in. */
  haystack: string;
}

const facetValue = {
  status: (h: HostSummaryDto) => h.status.code,
  pool: (h: HostSummaryDto) => h.pool?.name ?? '(none)',
  cluster: (h: HostSummaryDto) => h.cluster,
  vendor: (h: HostSummaryDto) => h.hardware?.manufacturer ?? '(unknown)',
  protocol: (h: HostSummaryDto) => h.bmc.protocol ?? '(none)',
};
type Facet = keyof typeof facetValue;

/** Runs a query over indexed hosts: filter, facets, sort, page. Pure given `now`. */
export function runHostQuery(
  hosts: Iterable<IndexedHost>,
  query: HostQuery,
  now: Date,
): Omit<HostListResponse, 'staleClusters'> {
  const withTime = [...hosts].map(host => timed(host, now));
  const facets = {} as HostListResponse['facets'];
  for (const facet of Object.keys(facetValue) as Facet[]) {
    const counts: Record<string, number> = {};
    for (const host of withTime) {
      if (!matches(host, query, facet)) continue;
      const value = facetValue[facet](host.summary);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    facets[facet] = counts;
  }
  const matching = withTime.filter(host => matches(host, query));
  matching.sort(comparator(query.sort));
  const page = matching.slice(query.offset, query.offset + query.limit);
  const next = query.offset + query.limit;
  return {
    items: page.map(h => h.summary),
    total: matching.length,
    ...(next < matching.length && { nextCursor: encodeCursor(next) }),
    facets,
  };
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

/** Whether a host passes every filter, except the facet being counted. */
function matches(host: IndexedHost, q: HostQuery, skip?: Facet): boolean {
  const h = host.summary;
  const inList = (values: string[], value: string | undefined) =>
    values.length === 0 || (value !== undefined && values.includes(value));
  const inListCi = (values: string[], value: string | undefined) =>
    values.length === 0 ||
    (value !== undefined &&
      values.some(v => v.toLowerCase() === value.toLowerCase()));
  return (
    (skip === 'cluster' || inList(q.cluster, h.cluster)) &&
    inList(q.namespace, h.namespace) &&
    (skip === 'status' || inList(q.status, h.status.code)) &&
    (skip === 'pool' || inList(q.pool, h.pool?.name)) &&
    inListCi(q.owner, h.owner) &&
    (skip === 'vendor' || inListCi(q.vendor, h.hardware?.manufacturer)) &&
    (skip === 'protocol' || inList(q.protocol, h.bmc.protocol)) &&
    inList(q.power, h.status.power) &&
    q.labels.every(({ key, value }) =>
      value === undefined ? key in h.labels : h.labels[key] === value,
    ) &&
    (!q.attention || h.status.health === 'error' || Boolean(h.stuck)) &&
    q.text.every(
      ({ term, negated }) => host.haystack.includes(term) !== negated,
    )
  );
}

function comparator(sort: HostQuery['sort']) {
  const key: Record<SortField, (h: HostSummaryDto) => string | number> = {
    name: h => h.name,
    status: h => h.status.label,
    cluster: h => h.cluster,
    namespace: h => h.namespace,
    pool: h => h.pool?.name ?? '',
    vendor: h => h.hardware?.manufacturer ?? '',
    cores: h => h.hardware?.cpuCores ?? -1,
    ram: h => h.hardware?.ramGiB ?? -1,
    timeInState: h => h.timeInStateSeconds ?? -1,
  };
  const direction = sort.descending ? -1 : 1;
  const get = key[sort.field];
  return (a: IndexedHost, b: IndexedHost) => {
    const x = get(a.summary);
    const y = get(b.summary);
    const primary = compare(x, y);
    if (primary !== 0) return primary * direction;
    // Stable, deterministic pages: tie-break on the full identity.
    return compare(
      `${a.summary.cluster}/${a.summary.namespace}/${a.summary.name}`,
      `${b.summary.cluster}/${b.summary.namespace}/${b.summary.name}`,
    );
  };
}

function compare(x: string | number, y: string | number): number {
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

/** The lower-case text free-text search matches against. */
export function haystackOf(h: HostSummaryDto): string {
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
