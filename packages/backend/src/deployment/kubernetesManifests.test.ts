import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import {
  controllerNamespaces,
  readChecksSettings,
} from '@metal3-fleet/plugin-metal3-node';
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

/*
 * The Kubernetes manifests of deploy/kubernetes: against the Kubernetes
 * OpenAPI schemas (npm kubernetes-models), for the consistency a dry run
 * would not catch, and, with kubectl, the walkthrough's commands against the
 * lab playing the cluster: `kubectl apply -f rbac.yaml`, the Secrets and the
 * ConfigMap created server-side, `kubectl apply --dry-run=server -f
 * deploy/kubernetes/` and `kubectl apply -f portal.yaml`. The lab serves
 * these kinds and decodes them strictly (an unknown field is refused under
 * kubectl's default `--validate=strict`), as kube-apiserver does; it runs no
 * Deployment controller, so nothing starts.
 */

const REPO = join(__dirname, '../../../..');
const DEPLOY = join(REPO, 'deploy/kubernetes');
const KUBECTL = '/usr/bin/kubectl';

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: any;
};

function manifests(file?: string): K8sObject[] {
  const files = file
    ? [file]
    : readdirSync(DEPLOY).filter(f => f.endsWith('.yaml'));
  return files.flatMap(f =>
    parseAllDocuments(readFileSync(join(DEPLOY, f), 'utf8')).map(doc => {
      expect(doc.errors).toEqual([]);
      return doc.toJS() as K8sObject;
    }),
  );
}

function find(objects: K8sObject[], kind: string, name: string) {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found;
}

/** The module of kubernetes-models that holds a kind, e.g. apps/v1/Deployment. */
function modelPath({ apiVersion, kind }: K8sObject) {
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
}

/** `group resource verb` triples a rule list grants, e.g. "metal3.io baremetalhosts get". */
function grants(
  rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[],
) {
  return rules.flatMap(rule =>
    rule.apiGroups.flatMap(group =>
      rule.resources.flatMap(resource =>
        rule.verbs.map(verb => `${group || 'core'} ${resource} ${verb}`),
      ),
    ),
  );
}

/**
 * The table of docs/operations.md "Cluster access": `scope | API group |
 * resources | verbs | for`, one triple per resource and verb, prefixed with
 * the scope (cluster; host namespaces or controller namespaces for the Roles).
 */
function documentedGrants() {
  const doc = readFileSync(join(REPO, 'docs/operations.md'), 'utf8');
  const section = doc
    .split(/^## /m)
    .find(s => /^(\d+\. )?Cluster access/.test(s));
  if (!section) throw new Error('docs/operations.md has no "Cluster access"');
  const ticks = (cell: string) =>
    [...cell.matchAll(/`([^`]*)`/g)].map(m => m[1]);
  return section
    .split('\n')
    .filter(line =>
      /^\| *(cluster|host namespaces|controller namespaces) *\|/.test(line),
    )
    .flatMap(line => {
      const [scope, group, resources, verbs] = line
        .split('|')
        .slice(1)
        .map(cell => cell.trim());
      return ticks(resources).flatMap(resource =>
        ticks(verbs).map(
          verb => `${scope}: ${ticks(group)[0] ?? group} ${resource} ${verb}`,
        ),
      );
    });
}

describe('deploy/kubernetes', () => {
  it('holds only objects that are valid against the Kubernetes API schemas', async () => {
    const objects = manifests();
    expect(objects.length).toBeGreaterThan(8);
    for (const object of objects) {
      const module = await import(modelPath(object)).catch(() => {
        throw new Error(
          `${object.kind} ${object.metadata?.name}: ${object.apiVersion} ${object.kind} is not a Kubernetes kind`,
        );
      });
      const Model = module[object.kind];
      expect(() => new Model(object).validate()).not.toThrow();
    }
  });

  it('the shipped ClusterRole and Roles grant exactly what docs/operations.md lists', () => {
    const rbac = manifests('rbac.yaml');
    const shipped = [
      ...grants(find(rbac, 'ClusterRole', 'metal3-portal').rules).map(
        g => `cluster: ${g}`,
      ),
      ...grants(find(rbac, 'Role', 'metal3-portal-secrets').rules).map(
        g => `host namespaces: ${g}`,
      ),
      ...grants(find(rbac, 'Role', 'metal3-portal-controllers').rules).map(
        g => `controller namespaces: ${g}`,
      ),
    ];
    // The copies of a Role in its namespaces grant the same; the
    // controllers' Role is in each default namespace of
    // metal3.checks.controllers, the ones the stack check reads.
    for (const name of ['metal3-portal-secrets', 'metal3-portal-controllers']) {
      const copies = rbac.filter(
        o => o.kind === 'Role' && o.metadata.name === name,
      );
      for (const copy of copies) expect(copy.rules).toEqual(copies[0].rules);
    }
    expect(
      rbac
        .filter(
          o =>
            o.kind === 'Role' &&
            o.metadata.name === 'metal3-portal-controllers',
        )
        .map(o => o.metadata.namespace)
        .sort(),
    ).toEqual(
      controllerNamespaces(
        readChecksSettings(mockServices.rootConfig()),
      ).sort(),
    );
    expect(rbac.filter(o => o.kind === 'Role')).toHaveLength(
      rbac.filter(o => o.kind === 'RoleBinding').length,
    );
    const documented = documentedGrants();
    expect(documented.length).toBeGreaterThan(30);
    expect(new Set(shipped).size).toBe(shipped.length);
    expect(shipped.sort()).toEqual(documented.sort());
    // Secrets are never granted cluster-wide.
    expect(shipped.filter(g => g.startsWith('cluster: core secrets'))).toEqual(
      [],
    );
  });

  it('binds every role to the ServiceAccount whose token the walkthrough creates', () => {
    const rbac = manifests('rbac.yaml');
    const account = find(rbac, 'ServiceAccount', 'metal3-portal');
    const subject = {
      kind: 'ServiceAccount',
      name: account.metadata.name,
      namespace: account.metadata.namespace,
    };
    const bindings = rbac.filter(
      o => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding',
    );
    expect(bindings.length).toBeGreaterThan(2);
    for (const binding of bindings) {
      expect(binding.subjects).toEqual([subject]);
      expect(binding.roleRef.kind).toBe(
        binding.kind === 'RoleBinding' ? 'Role' : 'ClusterRole',
      );
      // A RoleBinding names a Role of its own namespace.
      const role = rbac.find(
        o =>
          o.kind === binding.roleRef.kind &&
          o.metadata.name === binding.roleRef.name &&
          o.metadata.namespace === binding.metadata.namespace,
      );
      expect(role).toBeDefined();
    }
    // Every role is bound.
    for (const role of rbac.filter(o => /Role$/.test(o.kind))) {
      expect(
        bindings.some(
          b =>
            b.roleRef.kind === role.kind &&
            b.roleRef.name === role.metadata.name &&
            b.metadata.namespace === role.metadata.namespace,
        ),
      ).toBe(true);
    }
    const docs = readFileSync(join(REPO, 'docs/operations.md'), 'utf8');
    expect(docs).toContain(
      `create token ${account.metadata.name} --namespace ${account.metadata.namespace}`,
    );
  });

  it('the Deployment provides every variable app-config.production.yaml reads, runs as non-root and probes the health endpoint', () => {
    const portal = manifests('portal.yaml');
    const deployment = find(portal, 'Deployment', 'metal3-portal');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    const fromConfigMap = Object.keys(
      find(portal, 'ConfigMap', container.envFrom[0].configMapRef.name).data,
    );
    const fromSecrets = container.env.map((e: { name: string }) => e.name);
    const production = readFileSync(
      join(REPO, 'app-config.production.yaml'),
      'utf8',
    );
    const required = [...production.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(
      m => m[1],
    );
    expect(required).toContain('METAL3_MGMT_TOKEN');
    expect([...fromConfigMap, ...fromSecrets].sort()).toEqual(
      [...new Set(required)].sort(),
    );
    // Secrets come from Secrets, never from the ConfigMap.
    for (const secret of [
      'POSTGRES_PASSWORD',
      'AUTH_SESSION_SECRET',
      'OIDC_CLIENT_SECRET',
      'METAL3_MGMT_TOKEN',
      'METAL3_MGMT_CA_DATA',
    ]) {
      expect(fromSecrets).toContain(secret);
    }
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.livenessProbe.httpGet.path).toBe('/api/metal3/health');
    const service = find(portal, 'Service', 'metal3-portal');
    expect(deployment.spec.template.metadata.labels).toMatchObject(
      service.spec.selector,
    );
    // The site config and the organisation are mounted where the image and
    // app-config.production.yaml look for them.
    const mounts = Object.fromEntries(
      container.volumeMounts.map((m: { name: string; mountPath: string }) => [
        m.name,
        m.mountPath,
      ]),
    );
    expect(mounts.site).toBe('/app/config');
    expect(production).toContain('${PORTAL_ORG_FILE:-/app/org/org.yaml}');
    expect(mounts.org).toBe('/app/org');
    const dockerfile = readFileSync(
      join(REPO, 'packages/backend/Dockerfile'),
      'utf8',
    );
    expect(dockerfile).toContain('/app/config/app-config.site.yaml');
  });
});

const describeKubectl = existsSync(KUBECTL) ? describe : describe.skip;

/** The one command of docs/operations.md that matches. */
function walkthrough(pattern: RegExp): string {
  const docs = readFileSync(join(REPO, 'docs/operations.md'), 'utf8');
  const match = docs.match(pattern);
  if (!match) throw new Error(`docs/operations.md has no command ${pattern}`);
  return match[0];
}
if (!existsSync(KUBECTL)) {
  // eslint-disable-next-line no-console
  console.warn(
    'kubectl not found: the walkthrough commands of docs/operations.md are not run',
  );
}

describeKubectl(
  'the walkthrough (docs/operations.md) through kubectl, against the lab',
  () => {
    let lab: RunningLab;
    let env: Record<string, string>;
    /**
     * Runs a command of the walkthrough (continuation lines joined) in bash;
     * resolves to its output. Asynchronous: the lab answers from this process.
     */
    const run = async (command: string, extra: Record<string, string> = {}) =>
      (
        await promisify(execFile)('bash', ['-c', command], {
          cwd: REPO,
          encoding: 'utf8',
          env: { ...env, ...extra },
        })
      ).stdout;

    beforeAll(async () => {
      lab = await startLab({
        stateDir: mkdtempSync(join(tmpdir(), 'lab-manifests-')),
        // A management cluster with its Metal3 stack running: rbac.yaml's
        // Roles go into the controllers' namespaces, which must exist.
        runbookDefects: true,
      });
      env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        KUBECONFIG: lab.kubeconfigPath,
      };
      // Section 3: the portal's namespace, ServiceAccount and roles.
      const apply = walkthrough(
        /^kubectl --context kube-dc-mgmt apply -f deploy\/kubernetes\/rbac\.yaml$/m,
      );
      const applied = await run(apply);
      if (
        !applied.includes('clusterrole.rbac.authorization.k8s.io/metal3-portal')
      )
        throw new Error(`rbac.yaml was not applied: ${applied}`);
    }, 60_000);

    afterAll(async () => {
      await lab?.stop();
    });

    it('every manifest passes a server-side dry run; an unknown field does not', async () => {
      const out = await run(
        'kubectl --context kube-dc-mgmt apply --dry-run=server -f deploy/kubernetes/',
      );
      for (const object of manifests()) {
        expect(out).toMatch(
          new RegExp(
            `/${object.metadata.name} (created|unchanged|configured) \\(server dry run\\)`,
          ),
        );
      }
      expect(out.trim().split('\n')).toHaveLength(manifests().length);
      // The same dry run refuses what kube-apiserver refuses.
      const typo = join(mkdtempSync(join(tmpdir(), 'typo-')), 'portal.yaml');
      const shipped = readFileSync(join(DEPLOY, 'portal.yaml'), 'utf8');
      // The Deployment's replica count, whatever it is, under a misspelt key.
      const misspelt = shipped.replace(
        /^ {2}replicas: (\d+)$/m,
        '  replica: $1',
      );
      expect(misspelt).not.toBe(shipped);
      writeFileSync(typo, misspelt);
      await expect(
        run(
          `kubectl --context kube-dc-mgmt apply --dry-run=server -f ${typo} 2>&1`,
        ),
      ).rejects.toMatchObject({
        stdout: expect.stringMatching(
          /Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"/,
        ),
      });
    });

    it('applies portal.yaml as the walkthrough says', async () => {
      const apply = walkthrough(
        /^kubectl apply -f deploy\/kubernetes\/portal\.yaml$/m,
      );
      const out = await run(
        `kubectl config use-context kube-dc-mgmt >/dev/null && ${apply}`,
      );
      expect(out).toContain('deployment.apps/metal3-portal created');
      expect(out).toContain('service/metal3-portal created');
    });

    it('creates the Secrets and the ConfigMap the Deployment reads', async () => {
      const docs = readFileSync(join(REPO, 'docs/operations.md'), 'utf8');
      // The walkthrough's `kubectl create secret|configmap` commands, as
      // written (continuation lines joined), run client-side.
      const commands = [
        ...docs.matchAll(
          /^kubectl create (?:secret generic|configmap) (?:[^\n]*\\\n)*[^\n]*$/gm,
        ),
      ].map(m => m[0].replace(/\\\n\s*/g, ''));
      expect(commands.length).toBe(3);
      const created: K8sObject[] = [];
      for (const command of commands) {
        // Server-side: the lab decodes and admits them as the cluster would.
        const json = await run(
          `kubectl config use-context kube-dc-mgmt >/dev/null && ${command} --dry-run=server -o json`,
          {
            POSTGRES_PASSWORD: 'x',
            OIDC_CLIENT_SECRET: 'x',
            METAL3_MGMT_TOKEN: 'x',
            METAL3_MGMT_CA_DATA: 'x',
          },
        );
        created.push(JSON.parse(json) as K8sObject);
      }
      const deployment = find(
        manifests('portal.yaml'),
        'Deployment',
        'metal3-portal',
      );
      const pod = deployment.spec.template.spec;
      for (const { valueFrom } of pod.containers[0].env) {
        const { name, key } = valueFrom.secretKeyRef;
        const secret = find(created, 'Secret', name);
        expect(secret.metadata.namespace).toBe('metal3-portal');
        expect(Object.keys(secret.data)).toContain(key);
      }
      const orgVolume = pod.volumes.find(
        (v: { name: string }) => v.name === 'org',
      );
      const org = find(created, 'ConfigMap', orgVolume.configMap.name);
      expect(Object.keys(org.data)).toEqual(['org.yaml']);
    });
  },
);
