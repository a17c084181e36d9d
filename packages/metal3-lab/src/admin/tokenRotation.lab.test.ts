import { execFile } from 'node:child_process';
import { IncomingMessage } from 'node:http';
import https from 'node:https';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { RunningCluster, RunningLab, startLab } from '../startLab';
import { eventually } from '../testing/eventually';

const run = promisify(execFile);
const NAMESPACES = { group: '', resource: 'namespaces' };

jest.setTimeout(60_000);

let lab: RunningLab;
let stateDir: string;
let copy: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'lab-token-'));
  copy = join(mkdtempSync(join(tmpdir(), 'lab-token-copy-')), 'kubeconfig');
  lab = await startLab({ stateDir, kubeconfigCopies: [copy] });
});

afterAll(async () => {
  await lab?.stop();
});

/** A GET with a bearer token: status and parsed body. */
function get(cluster: RunningCluster, path: string, token: string) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    https
      .get(
        `${cluster.url}${path}`,
        { ca: cluster.caPem, headers: { authorization: `Bearer ${token}` } },
        res => {
          let text = '';
          res.on('data', c => (text += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, body: JSON.parse(text) }),
          );
        },
      )
      .on('error', reject);
  });
}

/** The token of a cluster's context in a kubeconfig file. */
function tokenIn(file: string, cluster: string): string {
  const config = parse(readFileSync(file, 'utf8'));
  return config.users.find((u: any) => u.name === `${cluster}-admin`).user
    .token;
}

describe('RunningCluster.rotateToken', () => {
  it('refuses the old token with the Status of kube-apiserver, takes the new one, keeps open watches and rewrites the files', async () => {
    const cluster = lab.clusters[0];
    const old = cluster.token;

    // A watch opened (answered 200) with the old token, before the rotation.
    const events: string[] = [];
    const watch = await new Promise<IncomingMessage>((resolve, reject) => {
      https
        .get(
          `${cluster.url}/api/v1/namespaces?watch=true&resourceVersion=${cluster.store.resourceVersion}`,
          { ca: cluster.caPem, headers: { authorization: `Bearer ${old}` } },
          resolve,
        )
        .on('error', reject);
    });
    expect(watch.statusCode).toBe(200);
    watch.on('data', chunk =>
      events.push(
        ...String(chunk)
          .split('\n')
          .filter(Boolean)
          .map(l => JSON.parse(l).object.metadata.name),
      ),
    );

    await cluster.rotateToken();
    expect(cluster.token).not.toBe(old);

    const refused = await get(cluster, '/api/v1/namespaces', old);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    expect(
      (await get(cluster, '/api/v1/namespaces', cluster.token)).status,
    ).toBe(200);

    // Authenticated when it started: the open watch still streams.
    cluster.store.create(NAMESPACES, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'after-rotation' },
    });
    await eventually(() => events.includes('after-rotation'));
    watch.destroy();

    for (const file of [lab.kubeconfigPath, copy])
      expect(tokenIn(file, cluster.name)).toBe(cluster.token);
    expect(
      readFileSync(join(stateDir, cluster.name, 'token'), 'utf8').trim(),
    ).toBe(cluster.token);
    // The other cluster keeps its token.
    const edge = lab.clusters[1];
    expect(tokenIn(lab.kubeconfigPath, edge.name)).toBe(edge.token);
  });

  it('is served at POST /lab/v1/token/rotate, authenticated with the current token, answering where the token went but never the token', async () => {
    const cluster = lab.clusters[1];
    const old = cluster.token;
    const post = (token: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = https.request(
          `${cluster.url}/lab/v1/token/rotate`,
          {
            method: 'POST',
            ca: cluster.caPem,
            headers: { authorization: `Bearer ${token}` },
          },
          res => {
            let text = '';
            res.on('data', c => (text += c));
            res.on('end', () => resolve({ status: res.statusCode!, text }));
          },
        );
        req.on('error', reject).end();
      });
    expect((await post('not-the-token')).status).toBe(401);
    expect(cluster.token).toBe(old);

    const answer = await post(old);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      cluster: 'edge-lab',
      kubeconfigs: [lab.kubeconfigPath, copy],
      stateFile: join(stateDir, 'edge-lab', 'token'),
    });
    expect(answer.text).not.toContain(cluster.token);
    expect(answer.text).not.toContain(old);
    expect((await get(cluster, '/api', old)).status).toBe(401);
    expect((await get(cluster, '/api', cluster.token)).status).toBe(200);
    expect(tokenIn(lab.kubeconfigPath, 'edge-lab')).toBe(cluster.token);
  });
});

describe('yarn lab rotate-token', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, [
      join(__dirname, '../../bin/metal3-lab'),
      'rotate-token',
      ...args,
    ]);

  it('rotates the named cluster through the kubeconfig, prints the cluster and the files it rewrote, never the token', async () => {
    const cluster = lab.clusters[0];
    const old = cluster.token;
    const { stdout } = await cli(
      '--cluster',
      'kube-dc-mgmt',
      '--kubeconfig',
      copy,
    );
    expect(cluster.token).not.toBe(old);
    expect(stdout).toContain('kube-dc-mgmt: token rotated');
    expect(stdout).toContain(`kubeconfig rewritten: ${lab.kubeconfigPath}`);
    expect(stdout).toContain(`kubeconfig rewritten: ${copy}`);
    expect(stdout).not.toContain(old);
    expect(stdout).not.toContain(cluster.token);
    expect(tokenIn(copy, 'kube-dc-mgmt')).toBe(cluster.token);
    expect((await get(cluster, '/api', old)).status).toBe(401);
  });

  it('names the cluster a kubeconfig does not have', async () => {
    await expect(
      cli('--cluster', 'no-such-cluster', '--kubeconfig', copy),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('no cluster "no-such-cluster"'),
    });
  });
});
