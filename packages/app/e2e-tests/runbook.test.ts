import {
  APIRequestContext,
  expect,
  Locator,
  Page,
  test,
} from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The Kube-DC runbook in the portal (issue #19): each defect of the
 * acceptance appears once, in the right place, with its fix, on the dev
 * portal and its embedded lab. The lab seeds these defects; a test that does
 * not find its defect puts it in place itself through the lab's Kubernetes
 * API (admin token of `.lab/<cluster>/`), and takes back what it changed, so
 * the tests hold on a lab with or without the seeds.
 */

const backend = 'http://localhost:7007';
const CLUSTER = 'kube-dc-mgmt';
const NS = 'metal3';
const POOL = 'kube-dc-workers';
/** `metal3.lab.port` of app-config.lab.yaml. */
const LAB_API = { host: '127.0.0.1', port: 6443 };

// ---------------------------------------------------------------- the lab

interface KubeAnswer {
  status: number;
  body: any;
}

/** The lab's Kubernetes API as its admin (the CA and token the lab keeps in `.lab/<cluster>/`). */
function kube(
  method: string,
  apiPath: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<KubeAnswer> {
  const dir = path.resolve('.lab', CLUSTER);
  const token = fs.readFileSync(path.join(dir, 'token'), 'utf8').trim();
  const ca = fs.readFileSync(path.join(dir, 'ca.crt'));
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        ...LAB_API,
        method,
        path: apiPath,
        ca,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(data && { 'content-type': contentType }),
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const mergePatch = (apiPath: string, patch: unknown) =>
  kube('PATCH', apiPath, patch, 'application/merge-patch+json');

/** Where a namespaced object of `apiVersion` lives in the API. */
const objectPath = (
  apiVersion: string,
  plural: string,
  namespace: string,
  name = '',
) =>
  `/apis/${apiVersion}/namespaces/${namespace}/${plural}${
    name ? `/${name}` : ''
  }`;

/** Undo steps of the running test, run last-in first-out whatever happened. */
let undo: (() => Promise<unknown>)[] = [];
test.afterEach(async () => {
  for (const step of undo.reverse()) await step();
  undo = [];
});

// ------------------------------------------------------------- the portal

let token = '';
async function guestToken(request: APIRequestContext): Promise<string> {
  const session = await request.get(`${backend}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(session.ok()).toBeTruthy();
  return (await session.json()).backstageIdentity.token;
}

async function api(request: APIRequestContext, apiPath: string) {
  token ||= await guestToken(request);
  const res = await request.get(`${backend}/api/metal3${apiPath}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status(), `${apiPath}: ${await res.text()}`).toBe(200);
  return res.json();
}

interface Finding {
  check: string;
  outcome: 'ok' | 'problem' | 'unknown';
  item?: string;
  title: string;
  subject: { kind: string; namespace?: string; name: string };
  evidence: { field: string; observed: unknown }[];
  fix?: {
    text: string;
    commands?: string[];
    template?: { name: string; values: Record<string, unknown> };
  };
}

const problems = (findings: Finding[], check: string) =>
  findings.filter(f => f.check === check && f.outcome === 'problem');

/**
 * Waits until `read` answers a problem of `check` that `pick` accepts (the
 * backend keeps an evaluation `metal3.checks.cacheSeconds`, and a probe or a
 * watch event may take a moment), and answers it.
 */
async function problemOf(
  read: () => Promise<Finding[]>,
  check: string,
  pick: (f: Finding) => boolean = () => true,
): Promise<Finding> {
  let found: Finding | undefined;
  await expect
    .poll(
      async () => {
        found = problems(await read(), check).find(pick);
        return Boolean(found);
      },
      { timeout: 60_000, message: `a ${check} problem` },
    )
    .toBe(true);
  return found!;
}

async function open(page: Page, appPath: string) {
  await page.goto(appPath);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter
    .or(page.getByRole('link', { name: 'Bare metal' }))
    .first()
    .waitFor();
  if (await enter.isVisible()) await enter.click();
}

/** The card titled `title` (an InfoCard's header). */
const card = (page: Page, title: string): Locator =>
  page.locator('.MuiCard-root').filter({
    has: page.locator('.MuiCardHeader-title', {
      hasText: new RegExp(`^${title}$`),
    }),
  });

/**
 * The finding shows exactly once on the page, inside `where`, with its fix
 * (the fix's text, and its first command or its template button).
 */
async function expectShownOnceWithFix(
  page: Page,
  where: Locator,
  finding: Finding,
) {
  await expect(where.getByText(finding.title, { exact: true })).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect(page.getByText(finding.title, { exact: true })).toHaveCount(1);
  const item = where.getByTestId(`finding-${finding.check}`).filter({
    hasText: finding.title,
  });
  await expect(
    item.getByText(finding.fix!.text, { exact: false }),
  ).toBeVisible();
  if (finding.fix!.commands?.length) {
    await expect(item.locator('pre')).toContainText(finding.fix!.commands[0]);
  }
  if (finding.fix!.template) {
    await expect(
      item.getByRole('button', {
        name: `Open fix: ${finding.fix!.template.name}`,
      }),
    ).toBeVisible();
  }
}

const host = (request: APIRequestContext, name: string) =>
  api(request, `/hosts/${CLUSTER}/${NS}/${name}`);
const hostFindings = async (request: APIRequestContext, name: string) =>
  (await api(request, `/hosts/${CLUSTER}/${NS}/${name}/findings`))
    .findings as Finding[];
const poolFindings = async (request: APIRequestContext, name = POOL) =>
  (await api(request, `/pools/${CLUSTER}/${NS}/${name}/findings`))
    .findings as Finding[];
const clusterFindings = async (request: APIRequestContext) =>
  (await api(request, `/clusters/${CLUSTER}/findings`)).findings as Finding[];

/** The provisioned members of the seeded pool, with their Node names. */
async function members(request: APIRequestContext) {
  const pool = await api(request, `/pools/${CLUSTER}/${NS}/${POOL}`);
  const names = (pool.members as { name: string; machine?: string }[])
    .filter(m => m.machine)
    .map(m => m.name)
    .sort();
  const details = await Promise.all(names.map(n => host(request, n)));
  return details
    .filter(d => d.node?.name)
    .map(d => ({ host: d.name as string, node: d.node.name as string }));
}

// ------------------------------------------------------------------ tests

test("controller down: once on the cluster page's Metal3 stack card with its fix, and as a fleet banner linking there", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const deployments = await kube('GET', '/apis/apps/v1');
  test.skip(
    deployments.status !== 200,
    'the lab serves no apps/v1 Deployments (they come with the lab seeds of the controllers)',
  );
  // Down: not ready, or scaled to 0 (not "not found": a lab without the
  // controllers' seeds lacks them all, which is not this defect).
  const isDown = (f: Finding) =>
    f.check === 'stack.controller-ready' &&
    f.outcome === 'problem' &&
    / (not ready|is scaled to 0): /.test(f.title);
  let finding = (await clusterFindings(request)).find(isDown);
  if (!finding) {
    const running = (await clusterFindings(request)).find(
      f => f.check === 'stack.controller-ready' && f.outcome === 'ok',
    );
    let item = 'capm3';
    if (running) {
      // Scale a running controller to 0, as `yarn lab fault --controller-down` does.
      item = running.item!;
      const [, ref] = /^Deployment (\S+) status\.readyReplicas$/.exec(
        running.evidence.find(e => e.field.endsWith('status.readyReplicas'))!
          .field,
      )!;
      const [namespace, name] = ref.split('/');
      const deploymentPath = `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`;
      const before =
        (await kube('GET', deploymentPath)).body.spec.replicas ?? 1;
      expect(
        (await mergePatch(deploymentPath, { spec: { replicas: 0 } })).status,
      ).toBe(200);
      undo.push(() =>
        mergePatch(deploymentPath, { spec: { replicas: before } }),
      );
    } else {
      // No controller seeded: CAPM3's Deployment, where and as the default
      // rule looks for it (metal3.checks.controllers), scaled to 0.
      const namespace = await kube('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'capm3-system' },
      });
      if (namespace.status === 201) {
        undo.push(() => kube('DELETE', '/api/v1/namespaces/capm3-system'));
      }
      const labels = { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' };
      const created = await kube(
        'POST',
        '/apis/apps/v1/namespaces/capm3-system/deployments',
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'capm3-controller-manager', labels },
          spec: {
            replicas: 0,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                containers: [
                  {
                    name: 'manager',
                    image:
                      'quay.io/metal3-io/cluster-api-provider-metal3:v1.10.0',
                  },
                ],
              },
            },
          },
        },
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      undo.push(() =>
        kube(
          'DELETE',
          '/apis/apps/v1/namespaces/capm3-system/deployments/capm3-controller-manager',
        ),
      );
    }
    finding = await problemOf(
      () => clusterFindings(request),
      'stack.controller-ready',
      f => f.item === item && isDown(f),
    );
  }

  await open(page, `/metal3/clusters/${CLUSTER}`);
  await expectShownOnceWithFix(page, card(page, 'Metal3 stack'), finding);

  // The fleet page reads the clusters once: wait until their stack summary
  // (evaluated on its own, served when ready) says unhealthy.
  let title = '';
  await expect
    .poll(
      async () => {
        const cluster = ((await api(request, '/clusters')).items as any[]).find(
          c => c.name === CLUSTER,
        );
        title = cluster.title;
        return cluster.stack?.unhealthy;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await open(page, '/metal3');
  await expect(
    page.getByText(
      new RegExp(`The Metal3 stack of cluster ${title} is unhealthy`),
    ),
  ).toHaveCount(1);
  await page.getByRole('link', { name: `Open cluster ${title}` }).click();
  await expect(page).toHaveURL(new RegExp(`/metal3/clusters/${CLUSTER}$`));
});

/** A local image server: files it has answer 200, anything else 404. */
async function imageServer(files: string[]) {
  const server = http.createServer((req, res) => {
    res.statusCode = files.includes(req.url ?? '') ? 200 : 404;
    res.end();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  undo.push(() => new Promise(r => server.close(r)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback URL where nothing listens. */
async function closedPortUrl() {
  const probe = http.createServer();
  await new Promise<void>(r => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise(r => probe.close(r));
  return `http://127.0.0.1:${port}`;
}

/**
 * A 0-replica pool of its own whose template names `image`: a copy of the
 * seeded pool and its Metal3MachineTemplate, removed after the test. No host
 * is touched; the image is "in use" by the pool template.
 */
async function poolWithImage(name: string, image: Record<string, string>) {
  const md = (
    await kube(
      'GET',
      objectPath('cluster.x-k8s.io/v1beta2', 'machinedeployments', NS, POOL),
    )
  ).body;
  const infraRef = md.spec.template.spec.infrastructureRef;
  const templateVersion = `${infraRef.apiGroup}/v1beta2`;
  const template = (
    await kube(
      'GET',
      objectPath(templateVersion, 'metal3machinetemplates', NS, infraRef.name),
    )
  ).body;
  const created = await kube(
    'POST',
    objectPath(templateVersion, 'metal3machinetemplates', NS),
    {
      apiVersion: template.apiVersion,
      kind: template.kind,
      metadata: { name, namespace: NS },
      spec: {
        template: {
          spec: { ...template.spec.template.spec, image },
        },
      },
    },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  undo.push(() =>
    kube(
      'DELETE',
      objectPath(templateVersion, 'metal3machinetemplates', NS, name),
    ),
  );
  const labels = { 'cluster.x-k8s.io/deployment-name': name };
  const pool = await kube(
    'POST',
    objectPath('cluster.x-k8s.io/v1beta2', 'machinedeployments', NS),
    {
      apiVersion: md.apiVersion,
      kind: md.kind,
      metadata: {
        name,
        namespace: NS,
        labels: { 'cluster.x-k8s.io/cluster-name': md.spec.clusterName },
      },
      spec: {
        ...md.spec,
        replicas: 0,
        selector: { matchLabels: labels },
        template: {
          ...md.spec.template,
          metadata: { ...md.spec.template.metadata, labels },
          spec: {
            ...md.spec.template.spec,
            infrastructureRef: { ...infraRef, name },
          },
        },
      },
    },
  );
  expect(pool.status, JSON.stringify(pool.body)).toBe(201);
  undo.push(() =>
    kube(
      'DELETE',
      objectPath('cluster.x-k8s.io/v1beta2', 'machinedeployments', NS, name),
    ),
  );
}

const imageFindings = async (request: APIRequestContext) =>
  (
    (await api(request, `/clusters/${CLUSTER}/images`)).items as {
      findings: Finding[];
    }[]
  ).flatMap(i => i.findings);

for (const defect of [
  {
    what: 'unreachable image',
    check: 'image.url-reachable',
    async create() {
      await poolWithImage('runbook-e2e-unreachable', {
        url: `${await closedPortUrl()}/runbook-e2e-v1.0.qcow2`,
        checksum: 'a'.repeat(64),
        checksumType: 'sha256',
        format: 'qcow2',
      });
    },
  },
  {
    what: 'missing checksum',
    check: 'image.checksum-reachable',
    async create() {
      const base = await imageServer(['/runbook-e2e-v1.1.qcow2']);
      await poolWithImage('runbook-e2e-no-checksum', {
        url: `${base}/runbook-e2e-v1.1.qcow2`,
        checksum: `${base}/runbook-e2e-v1.1.qcow2.sha256sum`,
        checksumType: 'sha256',
        format: 'qcow2',
      });
    },
  },
]) {
  test(`${defect.what}: once in the images view with its fix`, async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    if (problems(await imageFindings(request), defect.check).length === 0) {
      await defect.create();
    }
    await problemOf(() => imageFindings(request), defect.check);
    const found = problems(await imageFindings(request), defect.check);

    await open(page, `/metal3/clusters/${CLUSTER}`);
    await page.getByRole('button', { name: 'OS images in use' }).click();
    await expect(
      page.getByRole('heading', {
        name: `OS images in use in cluster ${CLUSTER}`,
      }),
    ).toBeVisible();
    await expectShownOnceWithFix(page, page.locator('body'), found[0]);
  });
}

test("master label on a worker: once on its host page's Problems card with its fix, and under is:noncompliant", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const workers = await members(request);
  expect(workers.length).toBeGreaterThan(0);
  let target: { host: string; node: string } | undefined;
  for (const w of workers) {
    const broken = problems(
      await hostFindings(request, w.host),
      'node.worker-labels',
    );
    if (broken.some(f => f.title.includes('kube-ovn/role'))) target = w;
  }
  if (!target) {
    target = workers[0];
    const nodePath = `/api/v1/nodes/${target.node}`;
    expect(
      (
        await mergePatch(nodePath, {
          metadata: { labels: { 'kube-ovn/role': 'master' } },
        })
      ).status,
    ).toBe(200);
    undo.push(() =>
      mergePatch(nodePath, { metadata: { labels: { 'kube-ovn/role': null } } }),
    );
  }
  const finding = await problemOf(
    () => hostFindings(request, target!.host),
    'node.worker-labels',
    f => f.title.includes('kube-ovn/role'),
  );

  await open(page, `/metal3/hosts/${CLUSTER}/${NS}/${target.host}`);
  await expectShownOnceWithFix(page, card(page, 'Problems'), finding);

  await open(page, '/metal3');
  await page
    .getByRole('checkbox', { name: 'Noncompliant node labels' })
    .check();
  await expect(page).toHaveURL(/is%3Anoncompliant|is:noncompliant/);
  await expect(
    page.getByRole('link', { name: target.host, exact: true }),
  ).toBeVisible();
});

test("a health check that cannot remediate: once on the pool page's Problems card with its fix, counts on its Remediation card", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  if (
    problems(await poolFindings(request), 'remediation.can-remediate')
      .length === 0
  ) {
    // The guide's own 40 %, on the seeded 2-replica pool.
    const mhcPath = objectPath(
      'cluster.x-k8s.io/v1beta2',
      'machinehealthchecks',
      NS,
      `${POOL}-mhc`,
    );
    const before = (await kube('GET', mhcPath)).body.spec.remediation
      ?.triggerIf;
    expect(
      (
        await mergePatch(mhcPath, {
          spec: {
            remediation: { triggerIf: { unhealthyLessThanOrEqualTo: '40%' } },
          },
        })
      ).status,
    ).toBe(200);
    undo.push(() =>
      mergePatch(mhcPath, {
        spec: { remediation: { triggerIf: before ?? null } },
      }),
    );
  }
  const finding = await problemOf(
    () => poolFindings(request),
    'remediation.can-remediate',
  );
  expect(
    problems(await poolFindings(request), 'remediation.can-remediate'),
  ).toHaveLength(1);

  await open(page, `/metal3/pools/${CLUSTER}/${NS}/${POOL}`);
  await expectShownOnceWithFix(page, card(page, 'Problems'), finding);
  await expect(
    card(page, 'Remediation').getByText('Remediations allowed'),
  ).toBeVisible();
});

test("BMC vs inventory drift: once on its host page's Drift card with the field that differs and its fix", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const hosts = (
    await api(request, `/hosts?cluster=${CLUSTER}&protocol=redfish&limit=200`)
  ).items as { name: string; namespace: string }[];
  // Right after the portal starts, the hosts' BMCs are still being read:
  // wait until the drift check has a verdict for some host.
  await expect
    .poll(
      async () => {
        for (const h of hosts.filter(x => x.namespace === NS)) {
          const verdict = (await hostFindings(request, h.name)).find(
            f => f.check === 'drift.bmc-inventory' && f.outcome !== 'unknown',
          );
          if (verdict) return true;
        }
        return false;
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  let target: string | undefined;
  for (const h of hosts.filter(x => x.namespace === NS)) {
    if (
      problems(await hostFindings(request, h.name), 'drift.bmc-inventory')
        .length
    ) {
      target = h.name;
      break;
    }
  }
  if (!target) {
    // Pick a host whose BMC agrees with its inventory and change the
    // inventory's serial number under it, as a swapped board would.
    for (const h of hosts.filter(x => x.namespace === NS)) {
      const agrees = (await hostFindings(request, h.name)).find(
        f => f.check === 'drift.bmc-inventory' && f.outcome === 'ok',
      );
      if (agrees) {
        target = h.name;
        break;
      }
    }
    expect(target, 'a host whose BMC agrees with its inventory').toBeDefined();
    const statusPath = `${objectPath(
      'metal3.io/v1alpha1',
      'baremetalhosts',
      NS,
      target,
    )}/status`;
    const serial = (await kube('GET', statusPath.replace(/\/status$/, ''))).body
      .status.hardware.systemVendor.serialNumber;
    const patched = await mergePatch(statusPath, {
      status: {
        hardware: { systemVendor: { serialNumber: 'RUNBOOK-E2E-SWAPPED' } },
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    undo.push(() =>
      mergePatch(statusPath, {
        status: { hardware: { systemVendor: { serialNumber: serial } } },
      }),
    );
  }
  // The fields that differ are read live from the BMC: besides the serial,
  // the power state may differ for a moment (a host another test powered
  // is still converging), so the title can change between the API read and
  // the page. Each attempt reads the finding again and then the page.
  const drift = card(page, 'Drift');
  await expect(async () => {
    const finding = await problemOf(
      () => hostFindings(request, target!),
      'drift.bmc-inventory',
    );
    await open(page, `/metal3/hosts/${CLUSTER}/${NS}/${target}`);
    await expectShownOnceWithFix(page, drift, finding);
  }).toPass({ timeout: 120_000 });
  await expect(drift.getByText(/serial/).first()).toBeVisible();
});

/** The members whose trunk NIC the ProviderNetwork misses, and that network. */
async function uncoveredNic(request: APIRequestContext) {
  for (const w of await members(request)) {
    const f = problems(
      await hostFindings(request, w.host),
      'network.trunk-nic-covered',
    ).find(p => p.fix?.template);
    if (f) return { ...w, finding: f };
  }
  return undefined;
}

test('NIC not covered: once on its host and pool pages with a prefilled template; applying it clears the problem within 10 s', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  let target = await uncoveredNic(request);
  if (!target) {
    // A ProviderNetwork whose default interface no worker has: every worker's
    // trunk NIC is uncovered until a customInterfaces entry names it.
    const created = await kube(
      'POST',
      '/apis/kubeovn.io/v1/provider-networks',
      {
        apiVersion: 'kubeovn.io/v1',
        kind: 'ProviderNetwork',
        metadata: { name: 'runbook-e2e' },
        spec: { defaultInterface: 'eth-none' },
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    undo.push(() =>
      kube('DELETE', '/apis/kubeovn.io/v1/provider-networks/runbook-e2e'),
    );
    await expect
      .poll(async () => Boolean(await uncoveredNic(request)), {
        timeout: 60_000,
      })
      .toBe(true);
    target = (await uncoveredNic(request))!;
  }
  const { finding } = target;
  const values = finding.fix!.template!.values;
  // The fix changes the ProviderNetwork: put its customInterfaces back after.
  const networkPath = `/apis/kubeovn.io/v1/provider-networks/${finding.item}`;
  const customInterfaces =
    (await kube('GET', networkPath)).body.spec.customInterfaces ?? null;
  undo.push(() => mergePatch(networkPath, { spec: { customInterfaces } }));

  await open(page, `/metal3/pools/${CLUSTER}/${NS}/${POOL}`);
  await expect(
    card(page, 'Problems').getByText(finding.title, { exact: true }),
  ).toHaveCount(1, { timeout: 30_000 });

  await open(page, `/metal3/hosts/${CLUSTER}/${NS}/${target.host}`);
  const problemsCard = card(page, 'Problems');
  await expectShownOnceWithFix(page, problemsCard, finding);
  const fix = problemsCard
    .getByTestId('finding-network.trunk-nic-covered')
    .filter({ hasText: finding.title })
    .getByRole('button', { name: `Open fix: ${finding.fix!.template!.name}` });
  const href = new URL((await fix.getAttribute('href'))!, 'http://portal');
  expect(JSON.parse(href.searchParams.get('formData')!)).toEqual(values);

  await fix.click();
  await expect(page.getByLabel(/ProviderNetwork/).first()).toHaveValue(
    String(values.providerNetwork),
  );
  await expect(page.getByLabel(/Trunk NIC name/).first()).toHaveValue(
    String(values.nicName),
  );
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('What happened')).toBeVisible({
    timeout: 60_000,
  });
  const applied = Date.now();

  await open(page, `/metal3/hosts/${CLUSTER}/${NS}/${target.host}`);
  // The card has loaded (its passed count shows) before "gone" means anything.
  await expect(card(page, 'Problems').getByText(/passed\.$/)).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByText(finding.title, { exact: true })).toHaveCount(0, {
    timeout: Math.max(0, 10_000 - (Date.now() - applied)),
  });
  expect(Date.now() - applied).toBeLessThan(10_000);
});
