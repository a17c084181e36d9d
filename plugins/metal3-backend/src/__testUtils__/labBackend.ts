import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import {
  leavingMachines,
  poolMachines,
  RAW_KEYS,
} from '@metal3-fleet/plugin-metal3-node/testUtils';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { metal3Plugin } from '../plugin';
import { expectSpecResponse } from './specResponses';

/** One audit record: its event, and every outcome it was given. */
export interface AuditedRequest {
  eventId: string;
  meta: Record<string, unknown>;
  outcomes: ('success' | 'fail')[];
}

export const NS = 'metal3';
export const POOL = 'kube-dc-workers';
export const CLUSTER = 'kube-dc-mgmt';

/** The users of the suites: two admins acting at the same time, and a third for the storm. */
export const USERS = {
  alice: mockCredentials.user.header('user:default/alice'),
  bob: mockCredentials.user.header('user:default/bob'),
  carol: mockCredentials.user.header('user:default/carol'),
};

/**
 * `metal3.*` for the runbook on the lab: evaluations fresh within 0.2 s, no
 * background drift pass, and image probes allowed to the lab's image server
 * (127.100.251.1) and nowhere else.
 */
export const RUNBOOK_LAB_CONFIG = {
  checks: { cacheSeconds: 0.2, drift: { intervalMinutes: 0 } },
  images: {
    allow: ['loopback'],
    allowedNetworks: ['127.100.251.0/24'],
    probe: { cacheSeconds: 1, timeoutSeconds: 3 },
  },
};

/**
 * The metal3 backend plugin on a lab of its own: the REST API over a real
 * cluster service, with an auditor that keeps every record and its outcomes.
 */
export async function startLabBackend(options: {
  bmcPassword: string;
  speed?: number;
  /** More `metal3.*` configuration (checks, images). */
  metal3?: Record<string, unknown>;
  /** More features of the test backend (a catalog mock, say). */
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /** The lab seeds the runbook's defects (as `yarn lab` does). */
  runbookDefects?: boolean;
}) {
  const lab: RunningLab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-api-')),
    bmcPassword: options.bmcPassword,
    speed: options.speed ?? 600,
    runbookDefects: options.runbookDefects,
  });
  const audits: AuditedRequest[] = [];
  const { server } = await startTestBackend({
    features: [
      metal3Plugin,
      mockServices.auditor.mock({
        createEvent: async event => {
          const record: AuditedRequest = {
            eventId: event.eventId,
            meta: (event.meta ?? {}) as Record<string, unknown>,
            outcomes: [],
          };
          audits.push(record);
          return {
            success: async () => {
              record.outcomes.push('success');
            },
            fail: async () => {
              record.outcomes.push('fail');
            },
          };
        },
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          metal3: {
            // The lab runs in the test process, not as the backend's lab plugin.
            lab: { external: true },
            bmc: { allow: ['loopback'], allowedNetworks: ['127.100.0.0/16'] },
            ...options.metal3,
            clusters: lab.clusters.map(c => ({
              name: c.name,
              authProvider: 'kubeconfig',
              kubeconfig: { file: lab.kubeconfigPath, context: c.name },
            })),
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  const store = () => lab.clusters[0].store;
  // Every answer the suites get is checked against the spec on the way.
  const api = {
    post: async (path: string, user: string, body: object = {}) =>
      expectSpecResponse(
        await request(server)
          .post(`/api/metal3${path}`)
          .set('Authorization', user)
          .send(body),
      ),
    get: async (path: string, user = USERS.alice) =>
      expectSpecResponse(
        await request(server)
          .get(`/api/metal3${path}`)
          .set('Authorization', user),
      ),
  };
  // The cluster caches fill in the background after start-up.
  const seeded = lab.clusters.reduce(
    (n, c) => n + c.store.list(RAW_KEYS.bmh).length,
    0,
  );
  await eventually(async () => (await api.get('/hosts')).body.total === seeded);
  return {
    lab,
    server,
    audits,
    api,
    store,
    /** Scales the pool in the cluster and waits until every member runs on a host. */
    async poolOf(replicas: number): Promise<string[]> {
      const md = store().get(RAW_KEYS.md, NS, POOL)!;
      if (md.spec.replicas !== replicas) {
        md.spec.replicas = replicas;
        delete md.metadata.resourceVersion;
        store().update(RAW_KEYS.md, md);
      }
      return eventually(() => {
        const machines = poolMachines(store(), NS, POOL).filter(
          m => !m.metadata.deletionTimestamp,
        );
        const hosts = machines.map(
          m =>
            /^metal3:\/\/[^/]+\/([^/]+)\//.exec(m.spec.providerID ?? '')?.[1],
        );
        return machines.length === replicas &&
          hosts.every(Boolean) &&
          leavingMachines(store(), NS).length === 0
          ? (hosts as string[]).sort()
          : undefined;
      }, 60_000);
    },
    stop: () => lab.stop(),
  };
}

/** Polls until `check` returns a truthy value (or resolves to one). */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}

/** The audit records of an event since a mark (an index into the records). */
export function auditsSince(
  audits: AuditedRequest[],
  mark: number,
  eventId: string,
): AuditedRequest[] {
  return audits.slice(mark).filter(a => a.eventId === eventId);
}
