import { execFile } from 'node:child_process';
import https from 'node:https';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningApiServer, startApiServer } from './apiServer';
import { ObjectStore } from './ObjectStore';

const run = promisify(execFile);
const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };

const host = (name: string, extra: object = {}) => ({
  apiVersion: 'metal3.io/v1alpha1',
  kind: 'BareMetalHost',
  metadata: { name, namespace: 'metal3', labels: { pool: 'workers' } },
  spec: {
    online: true,
    bootMACAddress: '52:54:00:00:00:01',
    bmc: { address: 'ipmi://10.0.0.1', credentialsName: `${name}-secret` },
  },
  ...extra,
});

describe('lab API server with @kubernetes/client-node', () => {
  let server: RunningApiServer;
  let store: ObjectStore;
  let k8s: typeof import('@kubernetes/client-node');
  let kc: import('@kubernetes/client-node').KubeConfig;
  let objects: import('@kubernetes/client-node').KubernetesObjectApi;

  beforeAll(async () => {
    store = new ObjectStore();
    store.create(
      { group: '', resource: 'namespaces' },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'metal3' } },
    );
    server = await startApiServer({
      store,
      clusterName: 'test',
      bookmarkIntervalMs: 200,
    });
    k8s = await import('@kubernetes/client-node');
    kc = new k8s.KubeConfig();
    kc.loadFromString(server.kubeconfig());
    objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('serves discovery of the real CRDs, storage version preferred', async () => {
    const apis = kc.makeApiClient(k8s.ApisApi);
    const groups = await apis.getAPIVersions();
    const capi = groups.groups.find(g => g.name === 'cluster.x-k8s.io');
    expect(capi?.preferredVersion?.version).toBe('v1beta2');
    expect(groups.groups.map(g => g.name)).toEqual(
      expect.arrayContaining([
        'metal3.io',
        'infrastructure.cluster.x-k8s.io',
        'ipam.metal3.io',
        'kubeovn.io',
      ]),
    );
  });

  it('creates, reads, merge-patches and deletes a BareMetalHost', async () => {
    const created = await objects.create(host('crud-0') as any);
    expect(created.metadata?.uid).toBeTruthy();
    const patched = await objects.patch(
      {
        apiVersion: 'metal3.io/v1alpha1',
        kind: 'BareMetalHost',
        metadata: { name: 'crud-0', namespace: 'metal3' },
        spec: { online: false },
      } as any,
      undefined,
      undefined,
      undefined,
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    expect((patched as any).spec.online).toBe(false);
    expect(Number(patched.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );
    expect((patched.metadata as any).generation).toBe(2);
    await objects.delete({
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'crud-0', namespace: 'metal3' },
    } as any);
    await expect(
      objects.read({
        apiVersion: 'metal3.io/v1alpha1',
        kind: 'BareMetalHost',
        metadata: { name: 'crud-0', namespace: 'metal3' },
      } as any),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('answers 409 AlreadyExists and 409 Conflict on a stale resourceVersion', async () => {
    await objects.create(host('conflict-0') as any);
    await expect(
      objects.create(host('conflict-0') as any),
    ).rejects.toMatchObject({ code: 409 });
    const stale = {
      ...host('conflict-0'),
      metadata: { ...host('conflict-0').metadata, resourceVersion: '1' },
    };
    await expect(objects.replace(stale as any)).rejects.toMatchObject({
      code: 409,
    });
  });

  it('pages a LIST with limit and continue', async () => {
    for (let i = 0; i < 7; i++) store.create(BMH, host(`page-${i}`) as any);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: any = await custom.listNamespacedCustomObject({
        group: 'metal3.io',
        version: 'v1alpha1',
        namespace: 'metal3',
        plural: 'baremetalhosts',
        labelSelector: 'pool=workers',
        limit: 3,
        _continue: token,
      });
      names.push(...page.items.map((i: any) => i.metadata.name));
      token = page.metadata?.continue;
      pages += 1;
    } while (token);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter(n => n.startsWith('page-'))).toHaveLength(7);
  });

  it('watches from a resourceVersion with bookmarks, and answers 410 for an expired one', async () => {
    const events: string[] = [];
    const watch = new k8s.Watch(kc);
    const controller = await watch.watch(
      '/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts',
      { resourceVersion: store.resourceVersion, allowWatchBookmarks: true },
      (type, obj) =>
        events.push(
          `${type}:${type === 'BOOKMARK' ? '' : obj?.metadata?.name}`,
        ),
      () => {},
    );
    store.create(BMH, host('watched-0') as any);
    const current = store.get(BMH, 'metal3', 'watched-0')!;
    store.update(BMH, { ...current, spec: { ...current.spec, online: false } });
    store.delete(BMH, 'metal3', 'watched-0');
    for (let i = 0; i < 40 && !events.includes('BOOKMARK:'); i++)
      await new Promise(r => setTimeout(r, 50));
    controller.abort();
    expect(events.filter(e => !e.startsWith('BOOKMARK'))).toEqual([
      'ADDED:watched-0',
      'MODIFIED:watched-0',
      'DELETED:watched-0',
    ]);
    expect(events).toContain('BOOKMARK:');

    // After a compaction, an older resourceVersion cannot be resumed.
    const before = store.resourceVersion;
    store.create(BMH, host('watched-1') as any);
    store.compact();
    const expired: any[] = [];
    await new Promise<void>(resolve => {
      void new k8s.Watch(kc).watch(
        '/apis/metal3.io/v1alpha1/baremetalhosts',
        { resourceVersion: before },
        (type, obj) =>
          expired.push({ type, code: obj?.code, reason: obj?.reason }),
        () => resolve(),
      );
    });
    expect(expired).toEqual([{ type: 'ERROR', code: 410, reason: 'Expired' }]);
  });

  it('writes status only through the status subresource', async () => {
    const created = store.create(BMH, host('status-0') as any);
    const withStatus = { ...created, status: { operationalStatus: 'OK' } };
    const main = store.update(BMH, withStatus);
    expect(main.status).toBeUndefined();
    const viaStatus = store.update(BMH, withStatus, { subresource: 'status' });
    expect(viaStatus.status).toEqual({ operationalStatus: 'OK' });
  });

  it('honours finalizers: delete marks, removing the last finalizer deletes', () => {
    const created = store.create(BMH, {
      ...host('final-0'),
      metadata: {
        ...host('final-0').metadata,
        finalizers: ['baremetalhost.metal3.io'],
      },
    } as any);
    const marked = store.delete(BMH, 'metal3', 'final-0')!;
    expect(marked.metadata.deletionTimestamp).toBeTruthy();
    store.update(BMH, {
      ...marked,
      metadata: { ...marked.metadata, finalizers: [] },
    });
    expect(store.get(BMH, 'metal3', 'final-0')).toBeUndefined();
    expect(created.metadata.uid).toBeTruthy();
  });

  it('answers 401 to a request without the token', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      https
        .get(`${server.url}/api`, { ca: server.caPem }, res => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(401);
  });

  const kubectl = '/usr/bin/kubectl';
  (existsSync(kubectl) ? describe : describe.skip)(
    'with the real kubectl',
    () => {
      let kubeconfig: string;
      const k = (...args: string[]) =>
        run(kubectl, ['--kubeconfig', kubeconfig, ...args]);

      beforeAll(() => {
        kubeconfig = join(
          mkdtempSync(join(tmpdir(), 'lab-kubectl-')),
          'kubeconfig',
        );
        writeFileSync(kubeconfig, server.kubeconfig());
      });

      it('gets hosts as a table with the CRD columns, by short name, across namespaces', async () => {
        store.create(BMH, host('kubectl-0') as any);
        const { stdout } = await k('get', 'bmh', '-A');
        expect(stdout).toMatch(/NAMESPACE\s+NAME\s+STATE/);
        expect(stdout).toContain('kubectl-0');
      });

      it('applies, labels, annotates, patches and deletes', async () => {
        const file = join(tmpdir(), `bmh-${Date.now()}.yaml`);
        writeFileSync(file, JSON.stringify(host('kubectl-1')));
        // The lab serves no OpenAPI documents yet, so kubectl cannot validate client-side.
        expect(
          (await k('apply', '--validate=false', '-f', file)).stdout,
        ).toContain('created');
        await k('label', 'bmh', 'kubectl-1', '-n', 'metal3', 'rack=r7');
        await k('annotate', 'bmh', 'kubectl-1', '-n', 'metal3', 'note=hello');
        await k(
          'patch',
          'bmh',
          'kubectl-1',
          '-n',
          'metal3',
          '--type',
          'merge',
          '-p',
          '{"spec":{"online":false}}',
        );
        const { stdout } = await k(
          'get',
          'bmh',
          '-n',
          'metal3',
          '-o',
          'json',
          '-l',
          'rack=r7',
        );
        const [object] = JSON.parse(stdout).items;
        expect(object.metadata.labels.rack).toBe('r7');
        expect(object.metadata.annotations.note).toBe('hello');
        expect(object.spec.online).toBe(false);
        await k('delete', 'bmh', 'kubectl-1', '-n', 'metal3');
        expect(store.get(BMH, 'metal3', 'kubectl-1')).toBeUndefined();
      });
    },
  );
});

describe('lab API server watch lifetime over HTTPS', () => {
  let server: RunningApiServer;
  let store: ObjectStore;

  beforeAll(async () => {
    store = new ObjectStore();
    server = await startApiServer({
      store,
      clusterName: 'test',
      // Shortened knobs: a bookmark every 200 ms, min-request-timeout 1 s.
      bookmarkIntervalMs: 200,
      minRequestTimeoutSeconds: 1,
    });
  });

  afterAll(async () => {
    await server.stop();
  });

  /** Opens a raw watch, resolves when the server ends it: lines and duration. */
  function watchUntilClosed(query: string) {
    const started = Date.now();
    return new Promise<{ lines: string[]; ms: number }>((resolve, reject) => {
      https
        .get(
          `${server.url}/apis/metal3.io/v1alpha1/baremetalhosts?watch=true&${query}`,
          {
            ca: server.caPem,
            headers: { authorization: `Bearer ${server.token}` },
          },
          res => {
            let body = '';
            res.on('data', chunk => (body += chunk));
            res.on('end', () =>
              resolve({
                lines: body.split('\n').filter(Boolean),
                ms: Date.now() - started,
              }),
            );
          },
        )
        .on('error', reject);
    });
  }

  it('without timeoutSeconds, ends the stream between min-request-timeout and twice that, sending nothing on a quiet resource', async () => {
    const { lines, ms } = await watchUntilClosed('');
    expect(lines).toEqual([]);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2500);
  });

  it('answers the headers of a watch at once, before any event', async () => {
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.get(
        `${server.url}/apis/metal3.io/v1alpha1/baremetalhosts?watch=true&timeoutSeconds=30&resourceVersion=${store.resourceVersion}`,
        {
          ca: server.caPem,
          headers: { authorization: `Bearer ${server.token}` },
        },
        res => {
          resolve(res.statusCode!);
          req.destroy();
        },
      );
      req.on('error', reject);
    });
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('ends the stream at timeoutSeconds, with bookmarks only when allowed', async () => {
    const [allowed, notAllowed] = await Promise.all([
      watchUntilClosed('timeoutSeconds=3&allowWatchBookmarks=true'),
      watchUntilClosed('timeoutSeconds=3'),
    ]);
    expect(allowed.ms).toBeGreaterThanOrEqual(2950);
    expect(allowed.ms).toBeLessThan(4500);
    expect(allowed.lines.length).toBeGreaterThan(0);
    expect(allowed.lines.every(l => JSON.parse(l).type === 'BOOKMARK')).toBe(
      true,
    );
    expect(notAllowed.lines).toEqual([]);
  });
});
