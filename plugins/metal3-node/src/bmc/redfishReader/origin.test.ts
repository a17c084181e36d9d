import { BmcError } from '../types';
import { setupMswServer } from './__testUtils__/mockupBmc';
import { createRedfishReader } from './createRedfishReader';

const SENTINEL = 'sentinel-origin-password-91ab';
const BASIC = `Basic ${Buffer.from(`admin:${SENTINEL}`).toString('base64')}`;
const TOKEN = 'token-for-the-bmc-only';

// msw answers for the address the guard hands the transport: the BMC is
// 192.0.2.10 (bmc.example), the place a hostile BMC points at is 192.0.2.66.
const BMC = 'https://192.0.2.10';
const ELSEWHERE = 'https://192.0.2.66';
const guard = async (host: string) => ({
  ok: true as const,
  address: host === 'bmc.example' ? '192.0.2.10' : host,
  family: 4 as const,
});

let server: Awaited<ReturnType<typeof setupMswServer>>;
beforeAll(async () => {
  server = await setupMswServer();
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  token: string | null;
  body: string;
}

/**
 * A small BMC whose links the test chooses, and a server at another origin
 * that records everything it is sent (it must stay empty).
 */
async function hostileBmc(links: {
  sessions?: string;
  location?: string;
  systems?: string;
  member?: string;
  nextLink?: string;
}) {
  const { http, HttpResponse } = await import('msw');
  const atBmc: Seen[] = [];
  const elsewhere: Seen[] = [];
  const record = async (to: Seen[], request: Request) => {
    to.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      token: request.headers.get('x-auth-token'),
      body: await request.text(),
    });
  };
  const authorised = (request: Request) =>
    request.headers.get('authorization') === BASIC ||
    request.headers.get('x-auth-token') === TOKEN;
  server.use(
    http.all(`${ELSEWHERE}/*`, async ({ request }) => {
      await record(elsewhere, request);
      return HttpResponse.json({});
    }),
    http.get(`${BMC}/redfish/v1/`, async ({ request }) => {
      await record(atBmc, request);
      return HttpResponse.json({
        Systems: {
          '@odata.id': links.systems ?? '/redfish/v1/Systems',
        },
        Links: {
          Sessions: {
            '@odata.id':
              links.sessions ?? '/redfish/v1/SessionService/Sessions',
          },
        },
      });
    }),
    http.post(
      `${BMC}/redfish/v1/SessionService/Sessions`,
      async ({ request }) => {
        await record(atBmc, request);
        return HttpResponse.json(
          { '@odata.id': '/redfish/v1/SessionService/Sessions/1' },
          {
            status: 201,
            headers: {
              'X-Auth-Token': TOKEN,
              Location:
                links.location ?? '/redfish/v1/SessionService/Sessions/1',
            },
          },
        );
      },
    ),
    http.delete(`${BMC}/redfish/v1/SessionService/Sessions/1`, () =>
      HttpResponse.json({}),
    ),
    http.get(`${BMC}/redfish/v1/Systems`, async ({ request }) => {
      await record(atBmc, request);
      if (!authorised(request)) return HttpResponse.json({}, { status: 401 });
      return HttpResponse.json({
        Members: [{ '@odata.id': links.member ?? '/redfish/v1/Systems/1' }],
      });
    }),
    http.get(`${BMC}/redfish/v1/Systems/1/Processors`, async ({ request }) => {
      await record(atBmc, request);
      return HttpResponse.json({
        Members: [],
        ...(links.nextLink && { 'Members@odata.nextLink': links.nextLink }),
      });
    }),
    http.get(`${BMC}/redfish/v1/Systems/1`, async ({ request }) => {
      await record(atBmc, request);
      if (!authorised(request)) return HttpResponse.json({}, { status: 401 });
      return HttpResponse.json({
        '@odata.id': '/redfish/v1/Systems/1',
        PowerState: 'On',
        Processors: { '@odata.id': '/redfish/v1/Systems/1/Processors' },
      });
    }),
  );
  return { atBmc, elsewhere };
}

const reader = (preferBasicAuth: boolean) =>
  createRedfishReader(
    { address: 'redfish://bmc.example', username: 'admin', password: SENTINEL },
    { guard, retries: 0, preferBasicAuth },
  );

describe('Redfish stays on the BMC origin', () => {
  it.each([
    [
      'Links.Sessions at another host',
      { sessions: `${ELSEWHERE}/redfish/v1/SessionService/Sessions` },
      false,
    ],
    [
      'Links.Sessions on another scheme',
      { sessions: 'http://bmc.example/redfish/v1/SessionService/Sessions' },
      false,
    ],
    [
      'Links.Sessions on another port',
      {
        sessions: 'https://bmc.example:8443/redfish/v1/SessionService/Sessions',
      },
      false,
    ],
    [
      'a protocol-relative Links.Sessions',
      { sessions: '//192.0.2.66/redfish/v1/SessionService/Sessions' },
      false,
    ],
    [
      'a backslash Links.Sessions',
      { sessions: '/\\192.0.2.66/redfish/v1/SessionService/Sessions' },
      false,
    ],
    [
      'a session Location at another host',
      { location: `${ELSEWHERE}/redfish/v1/SessionService/Sessions/1` },
      false,
    ],
    [
      'the Systems @odata.id at another host (session)',
      { systems: `${ELSEWHERE}/redfish/v1/Systems` },
      false,
    ],
    [
      'the Systems @odata.id at another host (Basic)',
      { systems: `${ELSEWHERE}/redfish/v1/Systems` },
      true,
    ],
    [
      'a member @odata.id at another host',
      { member: `${ELSEWHERE}/redfish/v1/Systems/1` },
      true,
    ],
    [
      'a nextLink at another host',
      { nextLink: `${ELSEWHERE}/redfish/v1/Systems?$skip=1` },
      true,
    ],
  ] as [string, Parameters<typeof hostileBmc>[0], boolean][])(
    'refuses %s and sends it nothing',
    async (_what, links, basic) => {
      const { atBmc, elsewhere } = await hostileBmc(links);
      const bmc = reader(basic);
      const error = await bmc
        .inventory()
        .then(() => undefined)
        .catch(e => e);
      await bmc.close();
      expect(error).toBeInstanceOf(BmcError);
      expect(error).toMatchObject({
        kind: 'refused',
        message: expect.stringMatching(
          /outside its own origin https:\/\/bmc\.example; not followed, no credentials sent$/,
        ),
      });
      expect(elsewhere).toEqual([]);
      // The BMC itself did get the credentials: it is the one they belong to.
      expect(atBmc.length).toBeGreaterThan(0);
      expect(error.message).not.toContain(SENTINEL);
    },
  );

  it('names the foreign origin in the refusal', async () => {
    await hostileBmc({
      sessions: `${ELSEWHERE}/redfish/v1/SessionService/Sessions`,
    });
    const bmc = reader(false);
    await expect(bmc.authenticate()).rejects.toMatchObject({
      kind: 'refused',
      message:
        'BMC bmc.example linked to https://192.0.2.66, outside its own origin https://bmc.example; not followed, no credentials sent',
    });
    await bmc.close();
  });

  it('follows absolute links that stay on the origin', async () => {
    const { elsewhere } = await hostileBmc({
      systems: 'https://bmc.example/redfish/v1/Systems',
      member: 'https://bmc.example:443/redfish/v1/Systems/1',
    });
    const bmc = reader(false);
    await expect(bmc.inventory()).resolves.toMatchObject({
      system: { powerState: 'On' },
    });
    await bmc.close();
    expect(elsewhere).toEqual([]);
  });
});
