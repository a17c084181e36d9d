import { execFile } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningLab, startLab } from '../startLab';

const run = promisify(execFile);
jest.setTimeout(30_000);

let lab: RunningLab;
beforeAll(async () => {
  lab = await startLab({ stateDir: mkdtempSync(join(tmpdir(), 'lab-apf-')) });
});
afterAll(async () => {
  await lab?.stop();
});

/** One request to the management cluster: status, headers, raw body. */
function call(
  path: string,
  options: { method?: string; body?: unknown; token?: string } = {},
) {
  const cluster = lab.clusters[0];
  return new Promise<{
    status: number;
    headers: Record<string, unknown>;
    body: string;
  }>((resolve, reject) => {
    const req = https.request(
      `${cluster.url}${path}`,
      {
        method: options.method ?? 'GET',
        ca: cluster.caPem,
        headers: {
          authorization: `Bearer ${options.token ?? cluster.token}`,
          'content-type': 'application/json',
        },
      },
      res => {
        let body = '';
        res.on('data', c => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
    if (options.body) req.write(JSON.stringify(options.body));
    req.end();
  });
}

describe('throttling as API Priority and Fairness', () => {
  it('answers every API request 429 with Retry-After and APF body for that long; the admin endpoint stays open', async () => {
    const set = await call('/lab/v1/faults', {
      method: 'POST',
      body: { throttleSeconds: 2 },
    });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.body).throttleSeconds).toBe(2);
    const started = Date.now();

    for (const path of [
      '/api/v1/namespaces',
      '/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts/worker-0',
      '/version',
    ]) {
      const throttled = await call(path);
      expect(throttled.status).toBe(429);
      expect(throttled.headers['retry-after']).toBe('1');
      expect(throttled.headers['content-type']).toBe(
        'text/plain; charset=utf-8',
      );
      expect(throttled.headers['x-kubernetes-pf-flowschema-uid']).toEqual(
        expect.any(String),
      );
      expect(throttled.body).toBe(
        'Too many requests, please try again later.\n',
      );
    }
    // Writes too.
    expect(
      (
        await call('/api/v1/namespaces', {
          method: 'POST',
          body: { metadata: { name: 'throttled' } },
        })
      ).status,
    ).toBe(429);
    // Authentication comes first: a bad token is still 401.
    expect((await call('/api/v1/namespaces', { token: 'wrong' })).status).toBe(
      401,
    );
    // The admin endpoint is not an API request.
    expect((await call('/lab/v1/faults')).status).toBe(200);

    while ((await call('/api/v1/namespaces')).status === 429)
      await new Promise(r => setTimeout(r, 100));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect((await call('/api/v1/namespaces')).status).toBe(200);
  });

  it('is set and ended early with `yarn lab fault --throttle`', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, [
        join(__dirname, '../../bin/metal3-lab'),
        'fault',
        '--kubeconfig',
        lab.kubeconfigPath,
        ...args,
      ]);
    const { stdout } = await cli('--throttle', '60');
    expect(stdout).toContain('"throttleSeconds":60');
    expect((await call('/api/v1/namespaces')).status).toBe(429);
    await cli('--throttle', '0');
    expect((await call('/api/v1/namespaces')).status).toBe(200);
  });
});
