import { mockServices } from '@backstage/backend-test-utils';
import { RunningLab, startLab } from '@metal3-fleet/metal3-lab';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultMetal3ClusterService } from '../cluster';
import { RAW_KEYS } from '../testUtils';
import { drainNode, setCordoned } from './nodeMaintenance';

/**
 * A drain against the lab, whose eviction subresource honours
 * PodDisruptionBudgets as kube-apiserver does (429, no Retry-After): the
 * drain waits for the budget and says which, the cluster's other requests
 * go on meanwhile, and ending the maintenance stops the drain.
 */
jest.setTimeout(60_000);

const NS = 'default';
const PODS = { group: '', resource: 'pods' };
const BUDGETS = { group: 'policy', resource: 'poddisruptionbudgets' };

let lab: RunningLab;
let service: DefaultMetal3ClusterService;
const store = () => lab.clusters[0].store;
const cache = () => service.getCluster('kube-dc-mgmt');

beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-drain-')),
    speed: 100,
  });
  service = new DefaultMetal3ClusterService(
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
  await service.whenSynced(20_000);
}, 60_000);

afterAll(async () => {
  service?.stop();
  await lab?.stop();
}, 30_000);

it('waits for a disruption budget naming it, keeps the cluster answering, and stops when the node is uncordoned', async () => {
  const node = store().list(RAW_KEYS.node)[0].metadata.name!;
  store().create(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db-0', namespace: NS, labels: { app: 'db' } },
    spec: { nodeName: node, containers: [{ name: 'db', image: 'db' }] },
  });
  store().create(BUDGETS, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'db', namespace: NS },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } },
  });
  await setCordoned(cache(), node, true);
  const progress: string[] = [];
  const drain = drainNode(cache(), node, m => progress.push(m), {
    pollMs: 200,
    timeoutMs: 30_000,
  }).then(
    () => undefined,
    (error: Error) => error,
  );

  const waiting = `${NS}/db-0: The disruption budget db needs 1 healthy pods and has 1 currently`;
  for (let i = 0; i < 100 && !progress.some(m => m.includes(waiting)); i++) {
    await new Promise(r => setTimeout(r, 50));
  }
  expect(progress).toContainEqual(
    `Waiting for disruption budgets, evictions retried every 0.2 s: ${waiting}`,
  );
  // The refusal is the eviction's answer, not throttling: other requests
  // to the cluster are not held behind it.
  const started = Date.now();
  await cache().client!.request('GET', `/api/v1/nodes/${node}`);
  expect(Date.now() - started).toBeLessThan(500);
  expect(store().get(PODS, NS, 'db-0')).toBeDefined();

  // Maintenance off while the drain waits: it stops, saying so.
  await setCordoned(cache(), node, false);
  const error = await drain;
  expect(error?.message).toBe(
    `Drain of ${node} stopped: the node was uncordoned (maintenance-off or kubectl uncordon) while it drained; 1 pod(s) left on it`,
  );
  expect(store().get(PODS, NS, 'db-0')).toBeDefined();
});
