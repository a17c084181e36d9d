import { setupMswServer } from './__testUtils__/mockupBmc';
import { createRedfishReader } from './createRedfishReader';

const BMC = 'https://192.0.2.10';
const guard = async () => ({
  ok: true as const,
  address: '192.0.2.10',
  family: 4 as const,
});

let server: Awaited<ReturnType<typeof setupMswServer>>;
beforeAll(async () => {
  server = await setupMswServer();
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A BMC whose system resource is answered by `system` (the root and collection are plain). */
async function bmcAnswering(system: () => Response | Promise<Response>) {
  const { http, HttpResponse } = await import('msw');
  server.use(
    http.get(`${BMC}/redfish/v1/`, () =>
      HttpResponse.json({ Systems: { '@odata.id': '/redfish/v1/Systems' } }),
    ),
    http.get(`${BMC}/redfish/v1/Systems`, () =>
      HttpResponse.json({
        Members: [{ '@odata.id': '/redfish/v1/Systems/1' }],
      }),
    ),
    http.get(`${BMC}/redfish/v1/Systems/1`, system),
  );
  return HttpResponse;
}

const reader = (maxResponseBytes?: number) =>
  createRedfishReader(
    { address: 'redfish://bmc.example', username: 'admin', password: 'x' },
    { guard, retries: 2, preferBasicAuth: true, maxResponseBytes },
  );

/** A JSON system resource padded to `bytes`. */
const padded = (bytes: number) =>
  JSON.stringify({ PowerState: 'On', Description: 'x'.repeat(bytes) });

describe('Redfish response limits', () => {
  it('refuses a body over 8 MiB by default, naming the setting', async () => {
    const { HttpResponse } = await import('msw');
    await bmcAnswering(
      () =>
        new HttpResponse(padded(9 * 1024 * 1024), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const bmc = reader();
    await expect(bmc.system()).rejects.toMatchObject({
      kind: 'too-large',
      message:
        'BMC bmc.example:443 answered GET /redfish/v1/Systems/1 with more than 8 MiB; refused (metal3.bmc.maxResponseBytes)',
    });
    await bmc.close();
  });

  it('keeps to a configured cap, also for a body streamed without a length', async () => {
    const { HttpResponse } = await import('msw');
    const body = padded(10_000);
    await bmcAnswering(
      () =>
        new HttpResponse(
          new ReadableStream({
            start(controller) {
              const bytes = new TextEncoder().encode(body);
              for (let i = 0; i < bytes.length; i += 1000) {
                controller.enqueue(bytes.slice(i, i + 1000));
              }
              controller.close();
            },
          }),
          { headers: { 'Content-Type': 'application/json' } },
        ),
    );
    const small = reader(4096);
    await expect(small.system()).rejects.toMatchObject({
      kind: 'too-large',
      message: expect.stringContaining('with more than 4096 bytes'),
    });
    await small.close();
    const enough = reader(16_384);
    await expect(enough.system()).resolves.toMatchObject({ powerState: 'On' });
    await enough.close();
  });

  it.each([
    ['seconds', () => '1'],
    ['an HTTP date', () => new Date(Date.now() + 2_000).toUTCString()],
  ])('waits as long as a Retry-After in %s asks', async (_form, retryAfter) => {
    const { HttpResponse } = await import('msw');
    let calls = 0;
    await bmcAnswering(() => {
      calls++;
      return calls === 1
        ? new HttpResponse(null, {
            status: 503,
            headers: { 'Retry-After': retryAfter() },
          })
        : HttpResponse.json({ PowerState: 'On' });
    });
    const bmc = reader();
    const started = Date.now();
    await expect(bmc.system()).resolves.toMatchObject({ powerState: 'On' });
    // An HTTP date has whole seconds: two seconds ahead is one to two away.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls).toBe(2);
    await bmc.close();
  });
});
