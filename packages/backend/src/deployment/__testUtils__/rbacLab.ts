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
import {
  Grant,
  grantOf,
  ManifestObject,
  RoleKind,
  Rule,
  rulesWithout,
  shippedRbac,
  shippedRoles,
} from './shippedRole';

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
  /** The shipped ClusterRole and Roles (a Role once per namespace it is shipped to). */
  roles: ManifestObject[];
  /** Replaces one shipped role's rules (the next request sees them). */
  setRules(role: ManifestObject, rules: Rule[]): void;
  /** One shipped role's rules in the cluster now. */
  currentRules(role: ManifestObject): Rule[];
  /** Takes one grant out of every shipped role of its kind (all copies of a Role). */
  withoutGrant(grant: Grant): void;
  /** Puts every shipped role back as shipped. */
  restoreShipped(): void;
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
  // rbac.yaml expects a cluster with its Metal3 stack installed: the host
  // namespace and the controllers' namespaces exist (the lab creates the
  // latter only with its runbook defects).
  const namespaces = new Set(
    shipped.map(o => o.metadata.namespace).filter((n): n is string => !!n),
  );
  const ownNamespaces = new Set(
    shipped.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
  );
  for (const name of namespaces) {
    if (
      !ownNamespaces.has(name) &&
      !mgmt.store.get(keyOf('Namespace'), undefined, name)
    ) {
      mgmt.store.create(keyOf('Namespace'), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
  }
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

  const roles = shippedRoles();
  const roleNames = new Set(roles.map(r => `${r.kind} ${r.metadata.name}`));
  const currentRules = (role: ManifestObject) =>
    mgmt.store.get(
      keyOf(role.kind),
      role.metadata.namespace,
      role.metadata.name,
    )!.rules as Rule[];
  const setRules = (role: ManifestObject, rules: Rule[]) => {
    const current = mgmt.store.get(
      keyOf(role.kind),
      role.metadata.namespace,
      role.metadata.name,
    )!;
    mgmt.store.update(keyOf(role.kind), { ...current, rules });
  };
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
      if (!by || !roleNames.has(`${by.roleKind} ${by.roleName}`))
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
    roles,
    setRules,
    currentRules,
    withoutGrant: grant => {
      const kind = grant.split(' ')[0] as RoleKind;
      for (const role of roles.filter(r => r.kind === kind)) {
        setRules(role, rulesWithout(kind, currentRules(role), grant));
      }
    },
    restoreShipped: () => {
      for (const role of roles) setRules(role, role.rules);
    },
    // The test backend stops itself after the tests (backend-test-utils).
    stop: () => lab.stop(),
  };
}
