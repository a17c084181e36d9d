import { KubeApiError, KubeClient } from '@metal3-fleet/plugin-metal3-node';
import { setReplicas } from './replicas';

/** A KubeClient double over two objects, answering 409 to the first `conflicts` writes. */
function fakeClient(objects: Record<string, any>, conflictCount = 0) {
  let conflicts = conflictCount;
  const writes: { method: string; path: string; body: any; query: any }[] = [];
  let version = 1;
  const client = {
    request: async (method: string, path: string, options: any = {}) => {
      if (method === 'GET') return structuredClone(objects[path]);
      writes.push({ method, path, body: options.body, query: options.query });
      if (conflicts > 0) {
        conflicts--;
        // Someone else wrote meanwhile: the stored object moved on.
        objects[path].metadata.resourceVersion = String(++version);
        throw new KubeApiError(409, 'the object has been modified', 'Conflict');
      }
      return {};
    },
  } as unknown as KubeClient;
  return { client, writes };
}

const mdPath =
  '/apis/cluster.x-k8s.io/v1beta2/namespaces/metal3/machinedeployments/md';
const clusterPath = (name: string) =>
  `/apis/cluster.x-k8s.io/v1beta2/namespaces/metal3/clusters/${name}`;

describe('setReplicas', () => {
  it('patches spec.replicas conditionally on the resourceVersion read, retrying a 409', async () => {
    const { client, writes } = fakeClient(
      {
        [mdPath]: {
          metadata: { name: 'md', resourceVersion: '1' },
          spec: { replicas: 2, clusterName: 'c' },
        },
      },
      1,
    );
    const change = await setReplicas({
      client,
      mdPath,
      clusterPath,
      replicas: 3,
      dryRun: false,
    });
    expect(change).toEqual({ from: 2, to: 3, via: 'machineDeployment' });
    expect(writes.map(w => w.body.metadata.resourceVersion)).toEqual([
      '1',
      '2',
    ]);
    expect(writes[1].body.spec).toEqual({ replicas: 3 });
  });

  it('writes a ClusterClass pool through Cluster.spec.topology.workers.machineDeployments[].replicas', async () => {
    const { client, writes } = fakeClient({
      [mdPath]: {
        metadata: {
          name: 'md',
          resourceVersion: '1',
          labels: { 'topology.cluster.x-k8s.io/deployment-name': 'md-0' },
        },
        spec: { replicas: 2, clusterName: 'c' },
      },
      [clusterPath('c')]: {
        metadata: { name: 'c', resourceVersion: '7' },
        spec: {
          topology: {
            classRef: { name: 'metal3' },
            version: 'v1.33.0',
            workers: {
              machineDeployments: [
                { class: 'worker', name: 'other', replicas: 5 },
                { class: 'worker', name: 'md-0', replicas: 2 },
              ],
            },
          },
        },
      },
    });
    const change = await setReplicas({
      client,
      mdPath,
      clusterPath,
      replicas: 4,
      dryRun: true,
    });
    expect(change.via).toBe('topology');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      method: 'PUT',
      path: clusterPath('c'),
      query: { dryRun: 'All' },
    });
    expect(writes[0].body.metadata.resourceVersion).toBe('7');
    expect(writes[0].body.spec.topology.workers.machineDeployments).toEqual([
      { class: 'worker', name: 'other', replicas: 5 },
      { class: 'worker', name: 'md-0', replicas: 4 },
    ]);
  });

  it('re-runs the guard on the fresh object and gives up after repeated conflicts', async () => {
    const { client } = fakeClient(
      {
        [mdPath]: {
          metadata: { name: 'md', resourceVersion: '1' },
          spec: { replicas: 2 },
        },
      },
      10,
    );
    const seen: number[] = [];
    await expect(
      setReplicas({
        client,
        mdPath,
        clusterPath,
        replicas: 3,
        dryRun: false,
        check: n => seen.push(n),
        attempts: 3,
      }),
    ).rejects.toThrow('modified');
    expect(seen).toEqual([2, 2, 2]);
  });
});
