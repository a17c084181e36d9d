import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Redfish mockups the lab ships (copied from ../shared/upstream, see its SOURCE.md). */
export const MOCKUP_DIR = join(
  dirname(require.resolve('@metal3-fleet/metal3-lab/package.json')),
  'redfish-mockups',
);

export const MOCKUPS = [
  'dmtf-public-rackmount1',
  'dmtf-public-bladed',
  'hpe-ilo5-proliant-dl325-gen10plus',
] as const;

export interface MockupBmcOptions {
  tree: (typeof MOCKUPS)[number];
  /** Where the test's guard sends the BMC (msw intercepts the request). */
  origin: string;
  username: string;
  password: string;
  /** Serve every URI with `from` renamed to `to` (ids are arbitrary strings). */
  rename?: { from: string; to: string };
  /** Split these collections into pages of this many members. */
  pageSize?: number;
  /** Answer 503 with Retry-After: 0 the first time these URIs are read. */
  busyOnce?: string[];
  /** Answer 500 for these URIs. */
  broken?: string[];
  /** No session service: Basic only. */
  basicOnly?: boolean;
}

/**
 * msw handlers serving one mockup tree as a BMC: the open service root,
 * sessions and Basic auth, case-insensitive URIs with or without a trailing
 * slash (iLO mixes them), plus the faults the tests need. Counts requests
 * and open sessions.
 */
export async function mockupBmc(options: MockupBmcOptions) {
  // msw's CommonJS build requires an ESM-only dependency, which Jest's
  // module system cannot load for Node packages: take its ESM build.
  const { http, HttpResponse } = await import('msw');
  const stats = { requests: [] as string[], openSessions: 0 };
  const sessions = new Set<string>();
  const busy = new Set((options.busyOnce ?? []).map(u => u.toLowerCase()));
  const norm = (uri: string) => uri.replace(/\/+$/, '').toLowerCase();
  const rename = (text: string, back = false) => {
    if (!options.rename) return text;
    const [a, b] = back
      ? [options.rename.to, options.rename.from]
      : [options.rename.from, options.rename.to];
    return text.replace(new RegExp(escape(a), 'gi'), b);
  };
  const load = (uri: string): any | undefined => {
    const relative = rename(uri, true)
      .replace(/^\/redfish\/v1/i, '')
      .replace(/\/+$/, '');
    const path = findCaseInsensitive(join(MOCKUP_DIR, options.tree), relative);
    if (!path) return undefined;
    return JSON.parse(rename(readFileSync(path, 'utf8')));
  };
  const authorised = (request: Request) => {
    const token = request.headers.get('x-auth-token');
    if (token && sessions.has(token)) return true;
    const basic = request.headers.get('authorization');
    return (
      basic ===
      `Basic ${Buffer.from(`${options.username}:${options.password}`).toString(
        'base64',
      )}`
    );
  };

  const handlers = [
    http.post(`${options.origin}/redfish/*`, async ({ request }) => {
      stats.requests.push(`POST ${new URL(request.url).pathname}`);
      if (!/\/sessions\/?$/i.test(new URL(request.url).pathname)) {
        return new HttpResponse(null, { status: 405 });
      }
      if (options.basicOnly) return new HttpResponse(null, { status: 405 });
      const body = (await request.json()) as any;
      if (
        body?.UserName !== options.username ||
        body?.Password !== options.password
      ) {
        return HttpResponse.json(
          { error: { message: 'bad credentials' } },
          { status: 401 },
        );
      }
      const token = `t-${sessions.size + 1}-${Math.random()}`;
      sessions.add(token);
      stats.openSessions = sessions.size;
      const id = `/redfish/v1/SessionService/Sessions/${encodeURIComponent(
        token,
      )}`;
      return HttpResponse.json(
        { '@odata.id': id },
        { status: 201, headers: { 'X-Auth-Token': token, Location: id } },
      );
    }),
    http.delete(`${options.origin}/redfish/*`, ({ request }) => {
      const path = new URL(request.url).pathname;
      stats.requests.push(`DELETE ${path}`);
      sessions.delete(decodeURIComponent(path.split('/').pop() ?? ''));
      stats.openSessions = sessions.size;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${options.origin}/redfish/*`, ({ request }) => {
      const url = new URL(request.url);
      const uri = decodeURIComponent(url.pathname);
      stats.requests.push(`GET ${uri}${decodeURIComponent(url.search)}`);
      const open = ['/redfish', '/redfish/v1'].includes(norm(uri));
      if (!open && !authorised(request)) {
        return HttpResponse.json(
          { error: { message: 'unauthorised' } },
          { status: 401 },
        );
      }
      if (busy.delete(norm(uri))) {
        return new HttpResponse(null, {
          status: 503,
          headers: { 'Retry-After': '0' },
        });
      }
      if ((options.broken ?? []).some(b => norm(b) === norm(uri))) {
        return HttpResponse.json(
          { error: { message: 'internal' } },
          { status: 500 },
        );
      }
      const resource = load(uri);
      if (!resource)
        return HttpResponse.json({ error: { message: 'no' } }, { status: 404 });
      if (open && options.basicOnly) delete resource.Links;
      return HttpResponse.json(page(resource, url, options.pageSize));
    }),
  ];
  return { handlers, stats };
}

/** msw's Node server, loaded as ESM (see mockupBmc). */
export async function setupMswServer() {
  const { setupServer } = await import('msw/node');
  return setupServer();
}

/** A collection split into pages linked by Members@odata.nextLink. */
function page(resource: any, url: URL, size: number | undefined) {
  if (
    !size ||
    !Array.isArray(resource.Members) ||
    resource.Members.length <= size
  ) {
    return resource;
  }
  const skip = Number(url.searchParams.get('$skip') ?? 0);
  const members = resource.Members.slice(skip, skip + size);
  const next = skip + size < resource.Members.length;
  return {
    ...resource,
    Members: members,
    ...(next && {
      'Members@odata.nextLink': `${url.pathname}?$skip=${skip + size}`,
    }),
  };
}

function findCaseInsensitive(
  root: string,
  relative: string,
): string | undefined {
  let dir = root;
  for (const part of relative.split('/').filter(Boolean)) {
    const match = readdirSync(dir).find(
      e => e.toLowerCase() === part.toLowerCase(),
    );
    if (!match) return undefined;
    dir = join(dir, match);
  }
  const file = join(dir, 'index.json');
  return existsSync(file) ? file : undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
