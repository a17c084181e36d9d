import { convertCapiObject } from './capiConversion';

/** A v1beta1 MachineDeployment the way CAPI ≥ 1.11 serves it. */
const v1beta1Deployment = {
  apiVersion: 'cluster.x-k8s.io/v1beta1',
  kind: 'MachineDeployment',
  metadata: { name: 'workers', namespace: 'metal3' },
  spec: {
    clusterName: 'kube-dc',
    replicas: 2,
    minReadySeconds: 30,
    progressDeadlineSeconds: 600,
    selector: { matchLabels: { pool: 'workers' } },
    strategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 0, maxUnavailable: 1, deletePolicy: 'Oldest' },
    },
    template: {
      spec: {
        clusterName: 'kube-dc',
        version: 'v1.33.1',
        nodeDrainTimeout: '10m',
        bootstrap: { dataSecretName: 'workers-user-data' },
        infrastructureRef: {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'Metal3MachineTemplate',
          name: 'workers-v1',
          namespace: 'metal3',
        },
      },
    },
  },
  status: {
    replicas: 2,
    readyReplicas: 1,
    updatedReplicas: 2,
    unavailableReplicas: 1,
    phase: 'Running',
    v1beta2: { readyReplicas: 1, availableReplicas: 1, upToDateReplicas: 2 },
  },
};

describe('convertCapiObject', () => {
  it('moves the v1beta1 MachineDeployment fields to their v1beta2 places', () => {
    const up = convertCapiObject(v1beta1Deployment as any, 'v1beta2');
    expect(up.apiVersion).toBe('cluster.x-k8s.io/v1beta2');
    expect(up.spec.rollout.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
    });
    expect(up.spec.deletion).toEqual({ order: 'Oldest' });
    expect(up.spec.strategy).toBeUndefined();
    expect(up.spec.progressDeadlineSeconds).toBeUndefined();
    expect(up.spec.template.spec.minReadySeconds).toBe(30);
    expect(up.spec.template.spec.deletion).toEqual({
      nodeDrainTimeoutSeconds: 600,
    });
    expect(up.spec.template.spec.infrastructureRef).toEqual({
      apiGroup: 'infrastructure.cluster.x-k8s.io',
      kind: 'Metal3MachineTemplate',
      name: 'workers-v1',
    });
    expect(up.status).toEqual({
      replicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      upToDateReplicas: 2,
      phase: 'Running',
      deprecated: {
        v1beta1: {
          readyReplicas: 1,
          updatedReplicas: 2,
          unavailableReplicas: 1,
        },
      },
    });
  });

  it('brings the fields back on the way down', () => {
    const down = convertCapiObject(
      convertCapiObject(v1beta1Deployment as any, 'v1beta2'),
      'v1beta1',
    );
    const { progressDeadlineSeconds, ...specWithoutDropped } =
      v1beta1Deployment.spec;
    expect(down.spec).toEqual({
      ...specWithoutDropped,
      template: {
        spec: {
          ...v1beta1Deployment.spec.template.spec,
          nodeDrainTimeout: '10m0s',
        },
      },
    });
    expect(down.status.v1beta2).toEqual(v1beta1Deployment.status.v1beta2);
    expect(down.status.updatedReplicas).toBe(2);
  });

  it('converts MachineHealthCheck checks, timeouts and the remediation template', () => {
    const up = convertCapiObject(
      {
        apiVersion: 'cluster.x-k8s.io/v1beta1',
        kind: 'MachineHealthCheck',
        metadata: { name: 'workers', namespace: 'metal3' },
        spec: {
          clusterName: 'kube-dc',
          selector: { matchLabels: { pool: 'workers' } },
          maxUnhealthy: '40%',
          nodeStartupTimeout: '1h',
          unhealthyConditions: [
            { type: 'Ready', status: 'False', timeout: '300s' },
          ],
          remediationTemplate: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
            kind: 'Metal3RemediationTemplate',
            name: 'workers',
          },
        },
      },
      'v1beta2',
    );
    expect(up.spec.checks).toEqual({
      nodeStartupTimeoutSeconds: 3600,
      unhealthyNodeConditions: [
        { type: 'Ready', status: 'False', timeoutSeconds: 300 },
      ],
    });
    expect(up.spec.remediation.triggerIf).toEqual({
      unhealthyLessThanOrEqualTo: '40%',
    });
    expect(up.spec.remediation.templateRef.kind).toBe(
      'Metal3RemediationTemplate',
    );
  });

  it('keeps only the name of a Machine nodeRef in v1beta2 and restores a core reference', () => {
    const machine = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Machine',
      metadata: { name: 'm', namespace: 'metal3' },
      spec: { clusterName: 'c' },
      status: {
        nodeRef: { name: 'worker-1' },
        initialization: { infrastructureProvisioned: true },
      },
    };
    const down = convertCapiObject(machine as any, 'v1beta1');
    expect(down.status.nodeRef).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      name: 'worker-1',
    });
    expect(down.status.infrastructureReady).toBe(true);
    expect(down.status.initialization).toBeUndefined();
  });

  it('renames CAPM3 fields: image format, readiness, inverted cloud provider flag', () => {
    const m3m = convertCapiObject(
      {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
        kind: 'Metal3Machine',
        metadata: { name: 'm', namespace: 'metal3' },
        spec: { image: { url: 'http://i/x.qcow2', format: 'qcow2' } },
        status: { ready: true, phase: 'Running' },
      },
      'v1beta2',
    );
    expect(m3m.spec.image).toEqual({
      url: 'http://i/x.qcow2',
      diskFormat: 'qcow2',
    });
    expect(m3m.status).toEqual({ initialization: { provisioned: true } });
    const cluster = convertCapiObject(
      {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
        kind: 'Metal3Cluster',
        metadata: { name: 'c', namespace: 'metal3' },
        spec: { noCloudProvider: true },
      },
      'v1beta2',
    );
    expect(cluster.spec).toEqual({ cloudProviderEnabled: false });
  });

  it('moves the class name of a topology Cluster into classRef', () => {
    const v1beta1 = {
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'Cluster',
      metadata: { name: 'apps', namespace: 'metal3' },
      spec: {
        topology: {
          class: 'metal3-rke2',
          classNamespace: 'shared',
          version: 'v1.33.0',
          workers: {
            machineDeployments: [
              { class: 'worker', name: 'md-0', replicas: 2 },
            ],
          },
        },
      },
    };
    const up = convertCapiObject(v1beta1, 'v1beta2');
    expect(up.spec.topology).toEqual({
      classRef: { name: 'metal3-rke2', namespace: 'shared' },
      version: 'v1.33.0',
      workers: {
        machineDeployments: [{ class: 'worker', name: 'md-0', replicas: 2 }],
      },
    });
    expect(convertCapiObject(up, 'v1beta1')).toEqual(v1beta1);
  });

  it('converts a ClusterClass: template refs of the class and of each worker class', () => {
    const ref = (kind: string, name: string) => ({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind,
      name,
    });
    const v1beta2 = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'ClusterClass',
      metadata: { name: 'metal3-rke2', namespace: 'metal3' },
      spec: {
        infrastructure: { templateRef: ref('Metal3ClusterTemplate', 'c') },
        controlPlane: { templateRef: ref('RKE2ControlPlaneTemplate', 'cp') },
        workers: {
          machineDeployments: [
            {
              class: 'worker',
              metadata: { labels: { tier: 'apps' } },
              bootstrap: { templateRef: ref('RKE2ConfigTemplate', 'b') },
              infrastructure: {
                templateRef: ref('Metal3MachineTemplate', 'w'),
              },
            },
          ],
        },
      },
    };
    const down = convertCapiObject(v1beta2, 'v1beta1');
    expect(down.spec.infrastructure).toEqual({
      ref: { ...ref('Metal3ClusterTemplate', 'c'), namespace: 'metal3' },
    });
    expect(down.spec.controlPlane.ref.name).toBe('cp');
    expect(down.spec.workers.machineDeployments).toEqual([
      {
        class: 'worker',
        template: {
          metadata: { labels: { tier: 'apps' } },
          bootstrap: {
            ref: { ...ref('RKE2ConfigTemplate', 'b'), namespace: 'metal3' },
          },
          infrastructure: {
            ref: { ...ref('Metal3MachineTemplate', 'w'), namespace: 'metal3' },
          },
        },
      },
    ]);
    expect(convertCapiObject(down, 'v1beta2')).toEqual(v1beta2);
  });

  it('leaves other groups and same-version requests alone', () => {
    const bmh = {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'h' },
      spec: { online: true },
    };
    expect(convertCapiObject(bmh, 'v1beta1')).toEqual(bmh);
  });
});
