import { execFile } from 'node:child_process';
import https from 'node:https';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { RunningLab, startLab } from './startLab';
import { eventually } from './testing/eventually';
import { upstreamExamplesDir } from './testing/upstreamExamples';

/**
 * The lab as the acceptance describes it, driven by the real
 * kubectl (skipped with a message where the machine has none) and checked
 * through the store: seeded fleet, kubectl apply of upstream examples,
 * scale → a third host provisioned and a Node, invalid objects refused the
 * way the real API server and webhook refuse them, v1beta1 served.
 */
const run = promisify(execFile);
const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find(existsSync);
const EXAMPLES = upstreamExamplesDir();
const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const NODES = { group: '', resource: 'nodes' };
const MACHINES = { group: 'cluster.x-k8s.io', resource: 'machines' };

jest.setTimeout(60_000);

let lab: RunningLab;
let kubeconfig: string;

beforeAll(async () => {
  // 600× faster than real time: a 12-minute deploy takes 1.2 s.
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-')),
    speed: 600,
  });
  kubeconfig = lab.kubeconfigPath;
});

afterAll(async () => {
  await lab?.stop();
});

async function kubectl(...args: string[]) {
  const { stdout } = await run(KUBECTL!, args, {
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
  return stdout;
}

async function kubectlError(...args: string[]): Promise<string> {
  try {
    await kubectl(...args);
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`kubectl ${args.join(' ')} succeeded`);
}

const describeKubectl = KUBECTL ? describe : describe.skip;
if (!KUBECTL) {
  // eslint-disable-next-line no-console
  console.warn(
    'kubectl not found: the kubectl acceptance tests of the lab are skipped',
  );
}

describeKubectl('the lab through kubectl', () => {
  it('lists the seeded fleet across namespaces, with the CRD columns', async () => {
    const out = await kubectl('get', 'bmh', '-A');
    expect(out.split('\n')[0]).toMatch(
      /NAMESPACE\s+NAME\s+STATE\s+CONSUMER\s+ONLINE\s+ERROR\s+AGE/,
    );
    expect(out).toMatch(/worker-8\s+registering\s+false\s+registration error/);
    expect(out).toMatch(/worker-0\s+provisioned\s+kube-dc-workers-m3m-0/);
  });

  it('serves MachineDeployments as YAML in v1beta2 and, converted, in v1beta1', async () => {
    const v1beta2 = await kubectl(
      'get',
      'machinedeployments',
      '-n',
      'metal3',
      '-o',
      'yaml',
    );
    expect(v1beta2).toContain('apiVersion: cluster.x-k8s.io/v1beta2');
    expect(v1beta2).toContain('maxUnavailable: 1');
    const v1beta1 = JSON.parse(
      await kubectl(
        'get',
        'machinedeployments.v1beta1.cluster.x-k8s.io',
        'kube-dc-workers',
        '-n',
        'metal3',
        '-o',
        'json',
      ),
    );
    expect(v1beta1.apiVersion).toBe('cluster.x-k8s.io/v1beta1');
    expect(v1beta1.spec.strategy.rollingUpdate).toEqual({
      maxSurge: 0,
      maxUnavailable: 1,
    });
    expect(v1beta1.spec.template.spec.infrastructureRef.apiVersion).toBe(
      'infrastructure.cluster.x-k8s.io/v1beta1',
    );
  });

  it('streams changes to `kubectl get -w`', async () => {
    const watch = run(
      KUBECTL!,
      [
        'get',
        'bmh',
        '-n',
        'metal3',
        '-w',
        '--request-timeout=3s',
        '--output-watch-events',
      ],
      {
        env: { ...process.env, KUBECONFIG: kubeconfig },
      },
    ).catch(error => error as { stdout: string });
    await new Promise(r => setTimeout(r, 500));
    await kubectl('label', 'bmh', 'gpu-0', '-n', 'metal3', 'watched=yes');
    const { stdout } = await watch;
    expect(stdout).toMatch(/MODIFIED\s+gpu-0/);
  });

  it('accepts `kubectl apply` of the upstream examples (status removed)', async () => {
    await kubectl('create', 'namespace', 'my-cluster');
    for (const file of [
      'metal3-docs-introduction-node-0.yaml',
      'metal3-docs-externally-provisioned.yaml',
      'metal3-docs-tryit-node-0-ready.yaml',
      'capm3-examples-metal3plane-hosts.yaml',
    ]) {
      const docs = parseAllDocuments(readFileSync(join(EXAMPLES, file), 'utf8'))
        .map(d => d.toJS())
        .filter(Boolean)
        .map(({ status, ...rest }) => rest)
        // Dumps carry server-set metadata; a stale resourceVersion is a 409.
        .map(d => {
          for (const field of [
            'uid',
            'resourceVersion',
            'creationTimestamp',
            'generation',
          ])
            delete d.metadata?.[field];
          return d;
        })
        // Status-only fragments of the docs are not objects.
        .filter(d => d.kind);
      // The files as a user applies them: multi-document YAML.
      const target = join(mkdtempSync(join(tmpdir(), 'ex-')), file);
      writeFileSync(target, docs.map(d => stringify(d)).join('---\n'));
      const out = await kubectl('apply', '-f', target);
      expect(out).toMatch(/created|configured/);
      // Two examples describe the same host with different MACs: each file
      // goes before the next comes (deletion runs through the simulated BMO).
      await kubectl('delete', '-f', target, '--wait=true', '--timeout=30s');
    }
  });

  it('scales the pool to 3: a third host goes available → provisioning → provisioned and a Node joins', async () => {
    const store = lab.clusters[0].store;
    const seen = new Map<string, string[]>();
    const unsubscribe = store.subscribe(event => {
      if (event.key.resource !== 'baremetalhosts') return;
      const states = seen.get(event.object.metadata.name!) ?? [];
      const state = event.object.status?.provisioning?.state;
      if (states[states.length - 1] !== state) states.push(state);
      seen.set(event.object.metadata.name!, states);
    });
    try {
      await kubectl(
        'scale',
        'machinedeployment',
        'kube-dc-workers',
        '-n',
        'metal3',
        '--replicas=3',
      );
      const third = await eventually(() =>
        store
          .list(BMH, { namespace: 'metal3' })
          .find(
            h =>
              h.metadata.labels?.pool === 'workers' &&
              h.spec?.consumerRef &&
              !['worker-0', 'worker-1'].includes(h.metadata.name!) &&
              h.status?.provisioning?.state === 'provisioned',
          ),
      );
      expect(seen.get(third.metadata.name!)).toEqual([
        'available',
        'provisioning',
        'provisioned',
      ]);
      await eventually(() => store.get(NODES, undefined, third.metadata.name!));
      const nodes = await kubectl('get', 'nodes');
      expect(nodes).toMatch(new RegExp(`${third.metadata.name}\\s+Ready`));
      const md = JSON.parse(
        await kubectl(
          'get',
          'md',
          'kube-dc-workers',
          '-n',
          'metal3',
          '-o',
          'json',
        ),
      );
      await eventually(() => {
        const current = lab.clusters[0].store.get(
          { group: 'cluster.x-k8s.io', resource: 'machinedeployments' },
          'metal3',
          'kube-dc-workers',
        );
        return current?.status?.readyReplicas === 3 ? current : undefined;
      });
      expect(md.spec.replicas).toBe(3);
    } finally {
      unsubscribe();
    }
  });

  it('scales down by removing the Machine marked with delete-machine; its host is cleaned and available again', async () => {
    const store = lab.clusters[0].store;
    const marked = store
      .list(MACHINES, { namespace: 'metal3' })
      .find(m => m.status?.nodeRef?.name === 'worker-0')!;
    await kubectl(
      'annotate',
      'machine',
      marked.metadata.name!,
      '-n',
      'metal3',
      'cluster.x-k8s.io/delete-machine=yes',
    );
    await kubectl(
      'scale',
      'machinedeployment',
      'kube-dc-workers',
      '-n',
      'metal3',
      '--replicas=2',
    );
    await eventually(
      () => !store.get(MACHINES, 'metal3', marked.metadata.name!),
    );
    const host = await eventually(() => {
      const h = store.get(BMH, 'metal3', 'worker-0');
      return h?.status?.provisioning?.state === 'available' &&
        !h.spec?.consumerRef
        ? h
        : undefined;
    });
    expect(host.spec.image).toBeUndefined();
    expect(host.spec.online).toBe(false);
    expect(store.get(NODES, undefined, 'worker-0')).toBeUndefined();
  });

  it.each([
    [
      'a bad boot MAC (schema pattern)',
      { bootMACAddress: 'zz:00:00:00:00:01' },
      /is invalid: spec.bootMACAddress: Invalid value: "zz:00:00:00:00:01"/,
    ],
    [
      'credentialsName without bmc.address (schema required)',
      { bmc: { credentialsName: 'x' } },
      /is invalid: spec.bmc.address: Required value/,
    ],
    [
      'a removed BMC scheme (BMO webhook)',
      { bmc: { address: 'ilo4://10.0.0.9', credentialsName: 'x' } },
      /admission webhook "baremetalhost.metal3.io" denied the request: Unknown BMC type 'ilo4' for address ilo4:\/\/10.0.0.9/,
    ],
    [
      'an unknown field under Strict (400, as decoding fails)',
      { foo: 'bar' },
      /strict decoding error: unknown field "spec.foo"/,
    ],
  ])('refuses %s, naming the field', async (_what, specPatch, message) => {
    const object = {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'invalid-0', namespace: 'metal3' },
      spec: {
        online: true,
        bmc: {
          address: 'redfish://10.0.0.9/redfish/v1/Systems/1',
          credentialsName: 'x',
        },
        ...specPatch,
      },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'bad-')), 'host.json');
    writeFileSync(file, JSON.stringify(object));
    expect(await kubectlError('create', '-f', file)).toMatch(message);
  });

  it('refuses to change a boot MAC once set (webhook, update)', async () => {
    const error = await kubectlError(
      'patch',
      'bmh',
      'gpu-0',
      '-n',
      'metal3',
      '--type',
      'merge',
      '-p',
      '{"spec":{"bootMACAddress":"02:00:00:00:00:99"}}',
    );
    expect(error).toContain('bootMACAddress can not be changed once it is set');
  });
});

describe('the lab without kubectl', () => {
  it('keeps a registration error while the BMC Secret holds a wrong password, and registers once it is fixed', async () => {
    const store = lab.clusters[0].store;
    const secrets = { group: '', resource: 'secrets' };
    await new Promise(r => setTimeout(r, 300));
    expect(store.get(BMH, 'metal3', 'worker-8')?.status?.errorType).toBe(
      'registration error',
    );
    const secret = store.get(secrets, 'metal3', 'worker-8-bmc-secret')!;
    store.update(secrets, {
      ...secret,
      data: {
        ...(secret.data as object),
        password: Buffer.from('lab-bmc-password').toString('base64'),
      },
    });
    const host = await eventually(() => {
      const h = store.get(BMH, 'metal3', 'worker-8');
      return h?.status?.provisioning?.state === 'available' ? h : undefined;
    });
    expect(host.status.operationalStatus).toBe('OK');
    expect(host.status.errorType).toBeUndefined();
    expect(host.status.hardware.nics.length).toBeGreaterThan(0);
  });
});

describe('the emulated BMCs of the lab', () => {
  const get = (url: string, auth?: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      https
        .get(url, { ca: lab.bmcs.caPem(), auth }, res => {
          let text = '';
          res.on('data', c => (text += c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              body: JSON.parse(text || 'null'),
            }),
          );
        })
        .on('error', reject);
    });
  const systemUrl = (address: string) => `https://${address.split('://')[1]}`;

  it('answers the system at the BMH address with the Secret credentials, 401 with wrong ones', async () => {
    const store = lab.clusters[0].store;
    const host = store.get(BMH, 'metal3', 'worker-5')!;
    expect(host.spec.bmc.address).toMatch(
      /^redfish\+https:\/\/127\.100\.\d+\.\d+:\d+\/redfish\/v1\/Systems\//,
    );
    const secret = store.get(
      { group: '', resource: 'secrets' },
      'metal3',
      host.spec.bmc.credentialsName,
    )!;
    const decode = (k: string) =>
      Buffer.from((secret.data as any)[k], 'base64').toString();
    const ok = await get(
      systemUrl(host.spec.bmc.address),
      `${decode('username')}:${decode('password')}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.SerialNumber).toBe(
      host.status.hardware.systemVendor.serialNumber,
    );
    const nics = await get(
      `https://${host.spec.bmc.address.split('://')[1].split('/')[0]}${
        ok.body.EthernetInterfaces['@odata.id']
      }`,
      `${decode('username')}:${decode('password')}`,
    );
    expect(nics.status).toBe(200);
    expect(
      (await get(systemUrl(host.spec.bmc.address), 'admin:wrong')).status,
    ).toBe(401);
  });

  it('turns the BMC PowerState Off when spec.online=false on the BMH', async () => {
    const store = lab.clusters[0].store;
    // A Redfish host nobody else touches: available, not paused, not in the pool.
    const host = store
      .list(BMH, { namespace: 'metal3' })
      .find(
        h =>
          h.spec.bmc.address.startsWith('redfish') &&
          h.status?.provisioning?.state === 'available' &&
          !(
            'baremetalhost.metal3.io/paused' in (h.metadata.annotations ?? {})
          ) &&
          h.metadata.labels?.pool !== 'workers',
      )!;
    const auth = 'admin:lab-bmc-password';
    expect(
      (await get(systemUrl(host.spec.bmc.address), auth)).body.PowerState,
    ).toBe('On');
    store.update(BMH, { ...host, spec: { ...host.spec, online: false } });
    const end = Date.now() + 10_000;
    let power = 'On';
    while (power !== 'Off' && Date.now() < end) {
      await new Promise(r => setTimeout(r, 100));
      power = (await get(systemUrl(host.spec.bmc.address), auth)).body
        .PowerState;
    }
    expect(power).toBe('Off');
    expect(
      store.get(BMH, 'metal3', host.metadata.name!)!.status.poweredOn,
    ).toBe(false);
  });
});

describe('faults through `yarn lab fault`', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, [
      join(__dirname, '../bin/metal3-lab'),
      'fault',
      '--kubeconfig',
      kubeconfig,
      ...args,
    ]);

  it('makes the API unavailable and ends the outage early', async () => {
    await cli('--unavailable', '60');
    const objects = lab.clusters[0].store;
    const status = await new Promise<number>((resolve, reject) => {
      https
        .get(
          `${lab.clusters[0].url}/api/v1/namespaces`,
          {
            ca: lab.clusters[0].caPem,
            headers: { authorization: `Bearer ${lab.clusters[0].token}` },
          },
          res => {
            res.resume();
            resolve(res.statusCode!);
          },
        )
        .on('error', reject);
    });
    expect(status).toBe(503);
    const { stdout } = await cli('--unavailable', '0');
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toMatchObject({
      unavailableSeconds: 0,
    });
    expect(
      objects.list({ group: '', resource: 'namespaces' }).length,
    ).toBeGreaterThan(0);
  });

  it('makes a BMC reject every credential, then heals it', async () => {
    const host = lab.clusters[0].store
      .list(BMH, { namespace: 'metal3' })
      .find(h => h.spec.bmc.address.startsWith('redfish'))!;
    const url = `https://${host.spec.bmc.address.split('://')[1]}`;
    const status = () =>
      new Promise<number>((resolve, reject) => {
        https
          .get(
            url,
            { ca: lab.bmcs.caPem(), auth: 'admin:lab-bmc-password' },
            res => {
              res.resume();
              resolve(res.statusCode!);
            },
          )
          .on('error', reject);
      });
    await cli('--bmc-reject', `metal3/${host.metadata.name}`);
    expect(await status()).toBe(401);
    await cli('--bmc-ok', `metal3/${host.metadata.name}`);
    expect(await status()).toBe(200);
  });

  it('refuses an unknown host or argument with a message naming it', async () => {
    await expect(
      cli('--bmc-reject', 'metal3/no-such-host'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'host metal3/no-such-host has no emulated BMC',
      ),
    });
    await expect(cli('--explode')).rejects.toMatchObject({
      stderr: expect.stringContaining('Unknown argument "--explode"'),
    });
  });
});
