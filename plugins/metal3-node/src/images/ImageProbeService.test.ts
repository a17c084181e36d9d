import { ConfigReader } from '@backstage/config';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { createSsrfGuard } from '../bmc/ssrf';
import { headRequest } from './headRequest';
import { ImageProbeService } from './ImageProbeService';
import { readImageProbeSettings } from './imageProbeSettings';

/** An image server on loopback: what the lab serves, and what goes wrong with real ones. */
describe('image probes', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; url: string; auth?: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
      });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = (status: number, headers: Record<string, string> = {}) =>
        setTimeout(
          () => {
            inFlight--;
            res
              .writeHead(status, headers)
              .end(req.method === 'GET' ? 'x'.repeat(10) : undefined);
          },
          req.url?.startsWith('/slow') ? 100 : 0,
        );
      switch (req.url) {
        case '/ubuntu-24.04-v1.33.0.qcow2':
        case '/slow-1':
        case '/slow-2':
        case '/slow-3':
        case '/slow-4':
          return done(200, { 'Content-Length': '123456789' });
        case '/no-head.qcow2':
          return done(req.method === 'HEAD' ? 405 : 200);
        case '/moved':
          return done(302, { Location: '/ubuntu-24.04-v1.33.0.qcow2' });
        case '/to-metadata':
          return done(302, {
            Location: 'http://169.254.169.254/latest/meta-data',
          });
        case '/private.qcow2':
          return done(req.headers.authorization ? 200 : 401);
        case '/hang':
          inFlight--;
          return undefined; // never answers
        default:
          return done(404);
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const guard = createSsrfGuard({ allow: ['loopback'], subject: 'Image host' });
  const head = (url: string, timeoutMs = 2000) =>
    headRequest(url, { guard, timeoutMs });

  it('answers the status of the image and of a missing checksum file', async () => {
    expect(await head(`${base}/ubuntu-24.04-v1.33.0.qcow2`)).toEqual({
      status: 200,
    });
    expect(await head(`${base}/ubuntu-24.04-v1.33.0.qcow2.sha256sum`)).toEqual({
      status: 404,
    });
  });

  it('follows redirects, and asks with GET where HEAD is refused, never reading the body', async () => {
    expect(await head(`${base}/moved`)).toEqual({ status: 200 });
    seen.length = 0;
    expect(await head(`${base}/no-head.qcow2`)).toEqual({ status: 200 });
    expect(seen.map(s => s.method)).toEqual(['HEAD', 'GET']);
  });

  it('checks every redirect target with the guard', async () => {
    const result = await head(`${base}/to-metadata`);
    expect(result).toEqual({
      skipped: expect.stringMatching(
        /^Image host 169\.254\.169\.254 .*refused \(cloud metadata\)$/,
      ),
    });
  });

  it('sends userinfo as Basic to its own origin and never shows it', async () => {
    seen.length = 0;
    const url = `${base.replace(
      '//',
      '//ironic:s3cret-image-pw@',
    )}/private.qcow2`;
    expect(await head(url)).toEqual({ status: 200 });
    expect(seen[0].auth).toBe(
      `Basic ${Buffer.from('ironic:s3cret-image-pw').toString('base64')}`,
    );
    const refused = await headRequest(url.replace('127.0.0.1', '10.1.2.3'), {
      guard: createSsrfGuard({
        allowedNetworks: ['192.168.0.0/16'],
        subject: 'Image host',
        networksKey: 'metal3.images.allowedNetworks',
      }),
      timeoutMs: 1000,
    });
    expect(JSON.stringify(refused)).not.toContain('s3cret-image-pw');
    expect(refused).toEqual({
      skipped:
        'Image host 10.1.2.3 resolves to 10.1.2.3, which is refused (outside metal3.images.allowedNetworks)',
    });
  });

  it('says why there is no answer: refused, timed out, not http', async () => {
    const closed = base.replace(/:\d+$/, ':1');
    expect(await head(`${closed}/x.qcow2`)).toEqual({
      error: '127.0.0.1:1 refused the connection',
    });
    expect(await head(`${base}/hang`, 300)).toEqual({
      error: 'no answer within 0.3 s',
    });
    expect(await head('oci://registry/ubuntu:24.04')).toEqual({
      skipped: 'oci URLs are not probed (only http and https)',
    });
  });

  it('caches results for cacheSeconds, probes a URL once however often asked, bounded in flight', async () => {
    let now = 1_000_000;
    const service = new ImageProbeService(
      { guard, timeoutMs: 2000, cacheSeconds: 60, maxInFlight: 2 },
      { now: () => now },
    );
    const urls = ['/slow-1', '/slow-2', '/slow-3', '/slow-4'].map(
      p => base + p,
    );
    expect(service.results(urls)).toEqual({});
    seen.length = 0;
    maxInFlight = 0;
    const [a, b] = await Promise.all([
      service.probeAll(urls),
      service.probeAll(urls),
    ]);
    expect(a).toEqual(b);
    expect(seen).toHaveLength(4);
    expect(maxInFlight).toBe(2);
    expect(a[urls[0]]).toEqual({
      status: 200,
      checkedAt: new Date(now).toISOString(),
    });
    // Fresh: served from memory.
    await service.probeAll(urls);
    expect(seen).toHaveLength(4);
    // Expired: the old result is served while the probe runs again.
    now += 61_000;
    service.refresh([urls[0]]);
    expect(service.results([urls[0]])[urls[0]].status).toBe(200);
    await service.probe(urls[0]);
    expect(seen).toHaveLength(5);
  });

  it('is off without the lab until metal3.images.allowedNetworks is set, naming the key', async () => {
    const off = readImageProbeSettings(new ConfigReader({}));
    expect(off.guard).toEqual({
      off: 'image URLs are not probed: metal3.images.allowedNetworks is required when the lab is off (metal3.lab.enabled is not true): list the networks your image servers live in, as CIDRs',
    });
    const service = new ImageProbeService(off);
    expect(
      await service.probe(`${base}/ubuntu-24.04-v1.33.0.qcow2`),
    ).toMatchObject({
      skipped: expect.stringContaining('metal3.images.allowedNetworks'),
    });
    const lab = readImageProbeSettings(
      new ConfigReader({
        metal3: { lab: { enabled: true }, images: { allow: ['loopback'] } },
      }),
    );
    expect('off' in lab.guard).toBe(false);
    const production = readImageProbeSettings(
      new ConfigReader({
        metal3: {
          images: {
            allowedNetworks: ['10.20.0.0/16'],
            probe: { timeoutSeconds: 3 },
          },
        },
      }),
    );
    expect(production.timeoutMs).toBe(3000);
    expect(
      await new ImageProbeService(production).probe(`${base}/x`),
    ).toMatchObject({
      // Production never probes loopback, where the backend's own services listen.
      skipped:
        'Image host 127.0.0.1 resolves to 127.0.0.1, which is refused (loopback)',
    });
    expect(
      await new ImageProbeService(production).probe('http://10.99.0.1/x.qcow2'),
    ).toMatchObject({
      skipped: expect.stringContaining('outside metal3.images.allowedNetworks'),
    });
  });
});
