import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  AuthorizationRecord,
  RunningCluster,
  RunningLab,
  startLab,
} from '@metal3-fleet/metal3-lab';
import metal3Backend from '@metal3-fleet/plugin-metal3-backend';
import scaffolderModuleMetal3 from '@metal3-fleet/plugin-scaffolder-backend-module-metal3';
import { mkdtempSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantOf, Rule, shippedRbac } from './shippedRole';

export const SA_USER = 'system:serviceaccount:metal3-portal:metal3-portal';
const RBAC = 'rbac.authorization.k8s.io';

/** The resource key of a kind in the lab's store. */
function keyOf(kind: string) {
  const plural = `${kind.toLowerCase()}s`;
  return {
    group: [
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
    ].includes(kind)
      ? RBAC
      : '',
    resource: plural,
  };
}

/** A TokenRequest over HTTPS, as `kubectl create token` sends it. */
function requestToken(cluster: RunningCluster): Promise<string> {
  return new Promise((done, failed) => {
    const req = https.request(
      `${cluster.url}/api/v1/namespaces/metal3-portal/serviceaccounts/metal3-portal/token`,
      {
        method: 'POST',
        ca: cluster.caPem,
        headers: {
          authorization: `Bearer ${cluster.token}`,
          'content-type': 'application/json',
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () =>
          res.statusCode === 201
            ? done(JSON.parse(text).status.token)
            : failed(new Error(`TokenRequest: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.once('error', failed);
    req.end(
      JSON.stringify({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 24 * 3600 },
      }),
    );
  });
}

/** Resolves once the backend's cluster is connected; throws its problem after 60 s. */
async function connected(baseUrl: string): Promise<void> {
  const end = Date.now() + 60_000;
  let last: unknown;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/metal3/clusters`, {
      headers: { authorization: mockCredentials.user.header() },
    });
    last = await response.json();
    const cluster = (last as any)?.items?.find(
      (c: any) => c.name === 'kube-dc-mgmt',
    );
    if (cluster?.connected) return;
    if (Date.now() > end)
      throw new Error(`the backend did not connect: ${JSON.stringify(last)}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

/** The lab's management cluster configured as production does: URL, token, CA. */
export function serviceAccountCluster(cluster: RunningCluster, token: string) {
  return {
    name: cluster.name,
    title: cluster.name,
    url: cluster.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: token,
    caData: Buffer.from(cluster.caPem).toString('base64'),
  };
}

export interface RbacLab {
  lab: RunningLab;
  mgmt: RunningCluster;
  token: string;
  /** The portal's backend: the metal3 REST API and the template actions. */
  baseUrl: string;
  actions: Map<string, TemplateAction<any, any, any>>;
  /** Every request of the portal's ServiceAccount, with its decision. */
  records: AuthorizationRecord[];
  /** The grant that allowed a record, e.g. `ClusterRole metal3.io baremetalhosts patch`. */
  grantOf(record: AuthorizationRecord): string | undefined;
  /** Replaces the rules of the shipped ClusterRole or Role (the next request sees them). */
  setRules(kind: 'ClusterRole' | 'Role', rules: Rule[]): void;
  /** The rules as shipped. */
  shippedRules(kind: 'ClusterRole' | 'Role'): Rule[];
  /** The rules in the cluster now. */
  currentRules(kind: 'ClusterRole' | 'Role'): Rule[];
  stop(): Promise<void>;
}

/**
 * The lab as the management cluster, deploy/kubernetes/rbac.yaml applied to
 * it, and the portal's backend (REST API and template actions) reaching it
 * with a token of the portal's ServiceAccount, as in production: from here
 * on the lab authorizes every request of the portal as kube-apiserver would.
 */
export async function startRbacLab(options: {
  bmcPassword: string;
}): Promise<RbacLab> {
  const lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-rbac-')),
    bmcPassword: options.bmcPassword,
    speed: 600,
  });
  const mgmt = lab.clusters.find(c => c.name === 'kube-dc-mgmt')!;
  const shipped = shippedRbac();
  // `kubectl apply -f deploy/kubernetes/rbac.yaml` by the cluster's admin.
  for (const object of shipped) mgmt.store.create(keyOf(object.kind), object);
  const token = await requestToken(mgmt);
  const records: AuthorizationRecord[] = [];
  mgmt.server.onAuthorization(record => {
    if (record.user.name === SA_USER) records.push(record);
  });

  const actions = new Map<string, TemplateAction<any, any, any>>();
  // The scaffolder's extension point alone: the actions as the scaffolder
  // would receive them, with their real dependencies.
  const scaffolderStub = createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
        addActions: (...added: TemplateAction<any, any, any>[]) => {
          for (const action of added) actions.set(action.id, action);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  const { server } = await startTestBackend({
    features: [
      metal3Backend,
      scaffolderStub,
      scaffolderModuleMetal3,
      mockServices.rootConfig.factory({
        data: {
          metal3: {
            lab: { external: true },
            bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
            clusters: [serviceAccountCluster(mgmt, token)],
          },
        },
      }),
    ],
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // The backend reads the cluster in the background: wait (in the caller's
  // hook, where Jest lets the Kubernetes client be imported) until it has.
  await connected(`http://localhost:${port}`);

  const role = (kind: 'ClusterRole' | 'Role') =>
    shipped.find(o => o.kind === kind)!;
  return {
    lab,
    mgmt,
    token,
    baseUrl: `http://localhost:${port}`,
    actions,
    records,
    // The shipped rules name groups, resources and verbs without
    // wildcards: the request's own are the grant that allowed it.
    grantOf: ({ decision, request }) => {
      const by = decision.allowedBy;
      if (!by || by.roleName !== role(by.roleKind).metadata.name)
        return undefined;
      return grantOf(
        by.roleKind,
        request.apiGroup,
        request.subresource
          ? `${request.resource}/${request.subresource}`
          : request.resource,
        request.verb,
      );
    },
    setRules: (kind, rules) => {
      const current = mgmt.store.get(
        keyOf(kind),
        role(kind).metadata.namespace,
        role(kind).metadata.name,
      )!;
      mgmt.store.update(keyOf(kind), { ...current, rules });
    },
    shippedRules: kind => role(kind).rules,
    currentRules: kind =>
      mgmt.store.get(
        keyOf(kind),
        role(kind).metadata.namespace,
        role(kind).metadata.name,
      )!.rules as Rule[],
    // The test backend stops itself after the tests (backend-test-utils).
    stop: () => lab.stop(),
  };
}
