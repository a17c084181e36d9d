import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DefaultMetal3ClusterService } from '@metal3-fleet/plugin-metal3-node';
import { RbacLab, serviceAccountCluster } from './rbacLab';

/*
 * The steps the portal features of portalFeatures.ts are made of: calls of
 * the portal's REST API and template actions as a person would make them,
 * and what the cluster's operator would do around them (set a pool's size,
 * seed an object), straight in the lab's store.
 */

export const NS = 'metal3';
export const CLUSTER = 'kube-dc-mgmt';
export const USER = mockCredentials.user.header('user:default/ada');
export const BMC_PASSWORD = 'lab-bmc-password-rbac';

export const KEYS = {
  bmh: { group: 'metal3.io', resource: 'baremetalhosts' },
  secret: { group: '', resource: 'secrets' },
  pod: { group: '', resource: 'pods' },
  node: { group: '', resource: 'nodes' },
  md: { group: 'cluster.x-k8s.io', resource: 'machinedeployments' },
  machine: { group: 'cluster.x-k8s.io', resource: 'machines' },
  cluster: { group: 'cluster.x-k8s.io', resource: 'clusters' },
  providerNetwork: { group: 'kubeovn.io', resource: 'provider-networks' },
};

let serial = 0;
/** A name no earlier run used. */
export const fresh = (prefix: string) =>
  `${prefix}-${Date.now() % 100000}-${serial++}`;

/** A number for an address octet or MAC byte that no recent call handed out (0..249). */
export const freshOctet = () => serial++ % 250;

/** A REST call of the portal's API as an admin; throws with the answer unless 2xx. */
export async function api(
  lab: RbacLab,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
): Promise<any> {
  const response = await fetch(`${lab.baseUrl}/api/metal3${path}`, {
    method,
    headers: { authorization: USER, 'content-type': 'application/json' },
    ...(body && { body: JSON.stringify(body) }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(
      `${method} ${path}: ${response.status} ${
        answer?.error?.message ?? JSON.stringify(answer)
      }`,
    );
  }
  return answer;
}

/** Runs a template action as the scaffolder would; throws its error, with its warnings. */
export async function runAction(
  lab: RbacLab,
  id: string,
  input: object,
  secrets: Record<string, string> = {},
): Promise<void> {
  const action = lab.actions.get(id);
  if (!action) throw new Error(`no action ${id}`);
  const logger = mockServices.logger.mock();
  const ctx = createMockActionContext({
    input: input as any,
    secrets,
    logger: logger as any,
  });
  let failure: unknown;
  try {
    await action.handler(ctx as any);
  } catch (error) {
    failure = error;
  }
  // A rollback that could not delete what it created is the worse failure.
  const warnings = logger.warn.mock.calls.map(call => String(call[0]));
  const leftovers = warnings.filter(w => /Could not roll back/.test(w));
  if (leftovers.length > 0) throw new Error(leftovers.join('; '));
  if (failure) throw failure;
}

/** Polls until `check` is truthy; throws `message()` on timeout. */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  message: () => string,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(message());
    await new Promise(r => setTimeout(r, 50));
  }
}

/** A pool member: its BareMetalHost and Node in kube-dc-workers. */
export function poolMember(
  lab: RbacLab,
  pool = 'kube-dc-workers',
): { host: string; node: string } {
  const machine = lab.mgmt.store
    .list(KEYS.machine, { namespace: NS })
    .find(
      m =>
        m.metadata.labels?.['cluster.x-k8s.io/deployment-name'] === pool &&
        !m.metadata.deletionTimestamp &&
        !m.metadata.annotations?.['cluster.x-k8s.io/delete-machine'] &&
        m.status?.nodeRef?.name,
    );
  const host = /^metal3:\/\/[^/]+\/([^/]+)\//.exec(
    machine?.spec?.providerID ?? '',
  )?.[1];
  if (!host) throw new Error(`pool ${pool} has no running member`);
  return { host, node: machine!.status.nodeRef.name };
}

/** Sets a pool's size in the cluster (as its operator would) and waits until it runs. */
export async function settlePool(lab: RbacLab, pool: string, replicas: number) {
  const md = lab.mgmt.store.get(KEYS.md, NS, pool)!;
  if (md.spec.replicas !== replicas) {
    md.spec.replicas = replicas;
    delete md.metadata.resourceVersion;
    lab.mgmt.store.update(KEYS.md, md);
  }
  await until(
    () => {
      const running = lab.mgmt.store
        .list(KEYS.machine, { namespace: NS })
        .filter(
          m =>
            m.metadata.labels?.['cluster.x-k8s.io/deployment-name'] === pool &&
            m.status?.nodeRef?.name &&
            !m.metadata.deletionTimestamp,
        );
      return running.length === replicas;
    },
    () => `pool ${pool} did not settle at ${replicas}`,
    60_000,
  );
}

/** The input of metal3:pool:create for a pool of no servers (the join Secret made once). */
export function poolInput(lab: RbacLab, name: string) {
  if (!lab.mgmt.store.get(KEYS.secret, NS, 'rke2-join-token')) {
    lab.mgmt.store.create(KEYS.secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'rke2-join-token', namespace: NS },
      data: { token: Buffer.from('K10rbac::server:rbac').toString('base64') },
    });
  }
  return {
    cluster: CLUSTER,
    namespace: NS,
    name,
    clusterName: 'kube-dc',
    replicas: 0,
    kubernetesVersion: 'v1.33.0+rke2r1',
    hostSelector: { pool: name },
    image: {
      url: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2',
      checksum: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2.sha256sum',
      checksumType: 'sha256',
      format: 'qcow2',
    },
    ipPool: {
      start: '10.10.9.10',
      end: '10.10.9.100',
      prefix: 24,
      gateway: '10.10.9.1',
    },
    nics: [
      { interface: 'ens1f0', addressFromPool: true },
      { interface: 'ens1f1', trunk: true },
    ],
    join: {
      serverUrl: 'https://10.10.0.10:9345',
      tokenSecretName: 'rke2-join-token',
    },
    remediation: { retryLimit: 2, timeoutSeconds: 600 },
    waitForReady: false,
  };
}

/**
 * A cluster service of its own, connected: its informers start with what
 * the roles grant now (the backend's keep their open watches).
 */
export async function withFreshService(
  lab: RbacLab,
  use: (service: DefaultMetal3ClusterService) => Promise<void>,
): Promise<void> {
  const service = new DefaultMetal3ClusterService(
    [serviceAccountCluster(lab.mgmt, lab.token) as any],
    mockServices.logger.mock(),
  );
  try {
    const health = () => service.health()[0];
    await until(
      () => health().problem || (health().connected && health()),
      () => `the cluster did not connect: ${JSON.stringify(health())}`,
    );
    // Watches start after the lists: give a refused watch its moment.
    await new Promise(r => setTimeout(r, 500));
    await use(service);
  } finally {
    service.stop();
  }
}
