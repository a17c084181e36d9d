import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningLab, startLab } from '../startLab';

/**
 * What Backstage's Kubernetes tab asks a cluster for an entity: a LIST of
 * each kind it shows, with the entity's label selector. The lab answers as
 * a real management cluster does (empty lists of the workload kinds it
 * serves), and its pool members carry the labels CAPI and CAPM3 write, so
 * the `cluster.x-k8s.io/cluster-name` selector finds them.
 */
jest.setTimeout(60_000);

let lab: RunningLab;

beforeAll(async () => {
  lab = await startLab({
    stateDir: mkdtempSync(join(tmpdir(), 'lab-workload-kinds-')),
  });
});
afterAll(async () => {
  await lab?.stop();
});

function list(path: string): Promise<{ status: number; body: any }> {
  const cluster = lab.clusters[0];
  return new Promise((resolve, reject) => {
    https
      .get(
        `${cluster.url}${path}`,
        {
          ca: cluster.caPem,
          headers: { Authorization: `Bearer ${cluster.token}` },
        },
        res => {
          let text = '';
          res.on('data', chunk => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, body: JSON.parse(text) }),
          );
        },
      )
      .on('error', reject);
  });
}

const names = (body: any) => body.items.map((i: any) => i.metadata.name).sort();

// The Kubernetes plugin's DEFAULT_OBJECTS (plugin-kubernetes-backend
// KubernetesFanOutHandler), as it requests them for one namespace.
const DEFAULT_OBJECTS = [
  ['api/v1', 'pods', 'PodList'],
  ['api/v1', 'services', 'ServiceList'],
  ['api/v1', 'configmaps', 'ConfigMapList'],
  ['api/v1', 'limitranges', 'LimitRangeList'],
  ['api/v1', 'resourcequotas', 'ResourceQuotaList'],
  ['apis/apps/v1', 'deployments', 'DeploymentList'],
  ['apis/apps/v1', 'replicasets', 'ReplicaSetList'],
  [
    'apis/autoscaling/v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscalerList',
  ],
  ['apis/batch/v1', 'jobs', 'JobList'],
  ['apis/batch/v1', 'cronjobs', 'CronJobList'],
  ['apis/networking.k8s.io/v1', 'ingresses', 'IngressList'],
  ['apis/apps/v1', 'statefulsets', 'StatefulSetList'],
  ['apis/apps/v1', 'daemonsets', 'DaemonSetList'],
];

describe("the Kubernetes tab's list calls", () => {
  it.each(DEFAULT_OBJECTS)(
    'lists %s %s with a label selector: 200 and a %s',
    async (prefix, plural, listKind) => {
      const { status, body } = await list(
        `/${prefix}/namespaces/metal3/${plural}?labelSelector=${encodeURIComponent(
          'cluster.x-k8s.io/cluster-name=kube-dc',
        )}`,
      );
      expect(status).toBe(200);
      expect(body.kind).toBe(listKind);
      expect(body.items).toEqual([]);
    },
  );

  it('advertises the workload groups in discovery, as kubectl and the plugin expect', async () => {
    const { body } = await list('/apis');
    const groups = body.groups.map((g: any) => g.preferredVersion.groupVersion);
    expect(groups).toEqual(
      expect.arrayContaining([
        'apps/v1',
        'autoscaling/v2',
        'batch/v1',
        'networking.k8s.io/v1',
      ]),
    );
  });

  it("finds a pool's objects and its members' hosts by the cluster-name label CAPI and CAPM3 write", async () => {
    const selector = `?labelSelector=${encodeURIComponent(
      'cluster.x-k8s.io/cluster-name=kube-dc',
    )}`;
    const hosts = await list(
      `/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts${selector}`,
    );
    const machines = await list(
      `/apis/cluster.x-k8s.io/v1beta1/namespaces/metal3/machines${selector}`,
    );
    const metal3Machines = await list(
      `/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/metal3/metal3machines${selector}`,
    );
    expect(names(hosts.body)).toEqual(
      expect.arrayContaining(['worker-0', 'worker-1']),
    );
    expect(names(hosts.body)).not.toContain('worker-2');
    expect(names(machines.body)).toEqual(
      expect.arrayContaining([
        'kube-dc-workers-7d9f5-abcde',
        'kube-dc-workers-7d9f5-fghij',
      ]),
    );
    const machineSets = await list(
      `/apis/cluster.x-k8s.io/v1beta1/namespaces/metal3/machinesets${selector}`,
    );
    const machineDeployments = await list(
      `/apis/cluster.x-k8s.io/v1beta1/namespaces/metal3/machinedeployments${selector}`,
    );
    expect(names(machineSets.body)).toEqual(['kube-dc-workers-7d9f5']);
    expect(names(machineDeployments.body)).toEqual(['kube-dc-workers']);
    expect(names(metal3Machines.body)).toEqual(
      expect.arrayContaining([
        'kube-dc-workers-m3m-0',
        'kube-dc-workers-m3m-1',
      ]),
    );
  });
});
