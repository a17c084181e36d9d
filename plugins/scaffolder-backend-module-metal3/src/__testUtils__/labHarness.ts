import { AuditorService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LabOptions, RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import {
  DefaultMetal3ClusterService,
  Metal3ClusterService,
} from '@metal3-fleet/plugin-metal3-node';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Resource keys of the lab's object store. */
export const KEYS = {
  bmh: { group: 'metal3.io', resource: 'baremetalhosts' },
  secret: { group: '', resource: 'secrets' },
  md: { group: 'cluster.x-k8s.io', resource: 'machinedeployments' },
  cluster: { group: 'cluster.x-k8s.io', resource: 'clusters' },
  machine: { group: 'cluster.x-k8s.io', resource: 'machines' },
  node: { group: '', resource: 'nodes' },
  m3mt: {
    group: 'infrastructure.cluster.x-k8s.io',
    resource: 'metal3machinetemplates',
  },
  ipPool: { group: 'ipam.metal3.io', resource: 'ippools' },
  mhc: { group: 'cluster.x-k8s.io', resource: 'machinehealthchecks' },
  providerNetwork: { group: 'kubeovn.io', resource: 'provider-networks' },
};

export interface Harness {
  lab: RunningLab;
  clusters: DefaultMetal3ClusterService;
  stop(): Promise<void>;
}

/** A lab and a cluster service watching its management cluster. */
export async function startHarness(options: LabOptions): Promise<Harness> {
  const lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-scaffolder-')),
    ...options,
  });
  const clusters = new DefaultMetal3ClusterService(
    [
      {
        name: 'kube-dc-mgmt',
        title: 'mgmt',
        authProvider: 'kubeconfig',
        kubeconfigFile: lab.kubeconfigPath,
        context: 'kube-dc-mgmt',
      },
    ],
    mockServices.logger.mock(),
  );
  await clusters.whenSynced(20_000);
  return {
    lab,
    clusters,
    stop: async () => {
      clusters.stop();
      await lab.stop();
    },
  };
}

/**
 * The same clusters, but reporting `version` as the Cluster API version
 * they serve (the lab serves both): how the actions behave against an older
 * management cluster.
 */
export function withCapiVersion(
  clusters: Metal3ClusterService,
  version: string,
): Metal3ClusterService {
  return {
    ...bindAll(clusters),
    getCluster: name => {
      const cache = clusters.getCluster(name);
      return new Proxy(cache, {
        get: (target, prop) => {
          if (prop === 'capiVersion') return version;
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}

function bindAll(service: Metal3ClusterService): Metal3ClusterService {
  return {
    listClusters: () => service.listClusters(),
    getCluster: name => service.getCluster(name),
    health: () => service.health(),
    subscribe: listener => service.subscribe(listener),
    whenSynced: timeout => service.whenSynced(timeout),
    stop: () => service.stop(),
  };
}

/** An auditor that keeps every event, outcome and failure it is given. */
export function recordingAuditor() {
  const records: unknown[] = [];
  const auditor = {
    createEvent: async (options: unknown) => {
      records.push(options);
      return {
        success: async (outcome?: unknown) => {
          records.push({ success: outcome ?? {} });
        },
        fail: async (outcome: { error: Error }) => {
          records.push({ fail: outcome.error.message });
        },
      };
    },
  } as unknown as AuditorService;
  return { auditor, records };
}

/** An auditor keeping one record per event with every outcome it was given. */
export function auditLog() {
  const records: { eventId: string; outcomes: ('success' | 'fail')[] }[] = [];
  const auditor = {
    createEvent: async (options: { eventId: string }) => {
      const record = {
        eventId: options.eventId,
        outcomes: [] as ('success' | 'fail')[],
      };
      records.push(record);
      return {
        success: async () => {
          record.outcomes.push('success');
        },
        fail: async () => {
          record.outcomes.push('fail');
        },
      };
    },
  } as unknown as AuditorService;
  return { auditor, records };
}

/**
 * A mock action context whose logger, outputs and workspace can be searched
 * for secrets afterwards.
 */
export function recordingContext<I>(options: {
  input: I;
  secrets?: Record<string, string>;
  dryRun?: boolean;
}) {
  const logger = mockServices.logger.mock();
  const ctx = {
    ...createMockActionContext({
      input: options.input as any,
      secrets: options.secrets,
      logger: logger as any,
    }),
    ...(options.dryRun && { isDryRun: true }),
  };
  const logText = () =>
    JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
      logger.debug.mock.calls,
    ]);
  return { ctx: ctx as typeof ctx & { output: jest.Mock }, logger, logText };
}

/** The value an action output under `key` (the last one). */
export function outputOf(ctx: { output: jest.Mock }, key: string): any {
  return ctx.output.mock.calls.filter(([k]) => k === key).at(-1)?.[1];
}

/** One key of a stored Secret, from `data` (base64) or `stringData`. */
export function secretValue(secret: any, key: string): string | undefined {
  return secret?.data?.[key]
    ? Buffer.from(secret.data[key], 'base64').toString()
    : secret?.stringData?.[key];
}

/** Every file under a folder, concatenated (for secret scans). */
export function readTree(dir: string): string {
  let text = '';
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return '';
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    text += statSync(path).isDirectory()
      ? readTree(path)
      : readFileSync(path, 'utf8');
  }
  return text;
}

/** Polls until `check` returns a truthy value. */
export async function eventually<T>(
  check: () => T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}
