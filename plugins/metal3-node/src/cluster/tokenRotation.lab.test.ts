import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Metal3ClusterConfig } from '../config';
import { DefaultMetal3ClusterService } from './Metal3ClusterService';

/**
 * The lab's token is replaced while the cluster service runs, as a
 * credential rotation does: the old token gets 401 from then on, watches
 * opened before keep streaming until they close. Every way of configuring
 * credentials must follow without a restart: the kubeconfig file, a token
 * file, an exec credential plugin, and the periodic check of the files.
 */
jest.setTimeout(120_000);

const CLUSTER = 'kube-dc-mgmt';
const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };

/** One variant of the cluster configuration, without its name and title. */
type Credentials<C = Metal3ClusterConfig> = C extends unknown
  ? Omit<C, 'name' | 'title'>
  : never;

interface Watched {
  service: DefaultMetal3ClusterService;
  logs: string[];
}

describe('token rotation', () => {
  let lab: RunningLab;
  let dir: string;
  const watched = new Map<string, Watched>();

  const start = (name: string, config: Credentials) => {
    const logger = mockServices.logger.mock();
    const logs: string[] = [];
    for (const level of ['info', 'warn', 'error'] as const) {
      logger[level].mockImplementation(message => {
        logs.push(`${level}: ${message}`);
      });
    }
    logger.child.mockReturnValue(logger);
    const service = new DefaultMetal3ClusterService(
      [{ name: CLUSTER, title: name, ...config }],
      logger,
    );
    watched.set(name, { service, logs });
  };

  const cache = (name: string) =>
    watched.get(name)!.service.getCluster(CLUSTER);

  const eventually = async (check: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  };

  const createHost = (name: string) =>
    lab.clusters[0].store.create(BMH, {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name, namespace: 'metal3' },
      spec: {
        online: false,
        bmc: {
          address: 'ipmi://127.0.0.1:6232',
          credentialsName: `${name}-bmc`,
        },
      },
    } as any);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lab-rotation-'));
    lab = await startLab({ stateDir: join(dir, 'lab'), speed: 0.0001 });
    const mgmt = lab.clusters[0];
    const tokenFile = join(dir, 'lab', CLUSTER, 'token');
    const caData = Buffer.from(mgmt.caPem).toString('base64');

    // A credential plugin as kubectl runs them: prints an ExecCredential
    // with the token the lab accepts now.
    const plugin = join(dir, 'credential-plugin.sh');
    writeFileSync(
      plugin,
      `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat '${tokenFile}')"\n`,
    );
    chmodSync(plugin, 0o755);
    const execKubeconfig = join(dir, 'exec-kubeconfig');
    writeFileSync(
      execKubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: CLUSTER,
            cluster: { server: mgmt.url, 'certificate-authority-data': caData },
          },
        ],
        users: [
          {
            name: 'exec-user',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: plugin,
                interactiveMode: 'Never',
              },
            },
          },
        ],
        contexts: [
          { name: CLUSTER, context: { cluster: CLUSTER, user: 'exec-user' } },
        ],
        'current-context': CLUSTER,
      }),
    );

    start('kubeconfig', {
      authProvider: 'kubeconfig',
      kubeconfigFile: lab.kubeconfigPath,
      context: CLUSTER,
    });
    start('token file', {
      authProvider: 'serviceAccount',
      url: mgmt.url,
      caData,
      serviceAccountTokenFile: tokenFile,
      skipTLSVerify: false,
    });
    start('exec plugin', {
      authProvider: 'kubeconfig',
      kubeconfigFile: execKubeconfig,
    });
    // A token file nobody updates at first: the operator's copy.
    const operatorTokenFile = join(dir, 'operator-token');
    writeFileSync(operatorTokenFile, readFileSync(tokenFile));
    start('stale token file', {
      authProvider: 'serviceAccount',
      url: mgmt.url,
      caData,
      serviceAccountTokenFile: operatorTokenFile,
      skipTLSVerify: false,
      credentialsRefreshSeconds: 1,
    });
    // Checks its kubeconfig every second: picks the new token up before
    // any request is refused.
    start('periodic check', {
      authProvider: 'kubeconfig',
      kubeconfigFile: lab.kubeconfigPath,
      context: CLUSTER,
      credentialsRefreshSeconds: 1,
    });
    await Promise.all(
      [...watched.values()].map(w => w.service.whenSynced(30_000)),
    );
    // Synced means listed; let every informer open its watch with the old
    // token too, so the rotation meets running watches, as in production.
    await new Promise(resolve => setTimeout(resolve, 2000));
  }, 60_000);

  afterAll(async () => {
    for (const { service } of watched.values()) service.stop();
    await lab?.stop();
  }, 30_000);

  const renewing = [
    'kubeconfig',
    'token file',
    'exec plugin',
    'periodic check',
  ];

  it('connects again and stays fresh within 30 s, with no restart, whatever the credentials come from', async () => {
    for (const name of renewing) {
      expect(cache(name).health()).toMatchObject({ connected: true });
    }
    const clientsBefore = renewing.map(name => cache(name).client);

    const rotatedAt = Date.now();
    await lab.clusters[0].rotateToken();
    // Let the periodic check see the new file before anything is refused.
    await new Promise(resolve => setTimeout(resolve, 2500));
    // Every watch opened with the old token ends, as a server restart or
    // the watches' own timeouts would end them: the reconnects meet the 401.
    lab.clusters[0].server.dropWatches();
    createHost('after-rotation');

    await eventually(
      () =>
        renewing.every(name => {
          const health = cache(name).health();
          return (
            health.connected &&
            !health.staleSince &&
            Boolean(cache(name).get('baremetalhosts', 'metal3/after-rotation'))
          );
        }),
      30_000 - (Date.now() - rotatedAt),
    );

    // The same client objects, now with the new token: reads work.
    for (const [i, name] of renewing.entries()) {
      expect(cache(name).client).toBe(clientsBefore[i]);
      await expect(
        cache(name).client!.request('GET', '/api/v1/nodes'),
      ).resolves.toMatchObject({ kind: 'NodeList' });
    }

    // Each found the new credentials the way it should.
    const reloads = (name: string) =>
      watched.get(name)!.logs.filter(l => l.includes('Credentials reloaded'));
    for (const name of ['kubeconfig', 'token file', 'exec plugin']) {
      expect(reloads(name)).toEqual([
        'info: Credentials reloaded: the API server refused the credentials (401)',
      ]);
    }
    expect(reloads('periodic check')).toEqual([
      `info: Credentials reloaded: ${lab.kubeconfigPath} changed`,
    ]);
    // A rotation followed at once is no failure: nothing was marked or warned.
    for (const name of renewing) {
      expect(
        watched.get(name)!.logs.filter(l => !l.startsWith('info')),
      ).toEqual([]);
    }
  });

  it('shows the 401 with its fix while the credentials are old, and recovers once the file holds the new token', async () => {
    const name = 'stale token file';
    // The first rotation already made its token old; its watches end now.
    lab.clusters[0].server.dropWatches();
    await eventually(
      () => cache(name).health().problem?.code === 'unauthorized',
      15_000,
    );
    const health = cache(name).health();
    expect(health).toMatchObject({
      connected: false,
      staleSince: expect.any(String),
      problem: {
        message: expect.stringContaining('401 Unauthorized'),
        fix: expect.stringContaining(
          `${join(
            dir,
            'operator-token',
          )} (metal3.clusters[name=${CLUSTER}].serviceAccountTokenFile)`,
        ),
      },
    });
    expect(JSON.stringify(health)).not.toContain(lab.clusters[0].token);

    writeFileSync(join(dir, 'operator-token'), `${lab.clusters[0].token}\n`);
    createHost('after-the-fix');
    await eventually(() => {
      const now = cache(name).health();
      return (
        now.connected &&
        !now.problem &&
        Boolean(cache(name).get('baremetalhosts', 'metal3/after-the-fix'))
      );
    }, 20_000);
  });
});
