import {
  checkControllers,
  checkServedKinds,
  checkStack,
  DeploymentFacts,
  REQUIRED_KINDS,
  ServedKind,
} from './stack';
import type { CheckFinding } from './types';

const CAPI = ['v1beta2', 'v1beta1'];

/** Everything the guide's phase 1 installs, served as a current cluster serves it. */
function allServed(): ServedKind[] {
  return REQUIRED_KINDS.map(k => ({
    group: k.group,
    kind: k.kind,
    versions: k.group.endsWith('x-k8s.io') ? CAPI : k.versions,
  }));
}

const without = (kind: string) => allServed().filter(s => s.kind !== kind);

const deployment = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ready: number,
  image: string,
  desired?: number,
): DeploymentFacts => ({
  namespace,
  name,
  labels,
  readyReplicas: ready,
  ...(desired !== undefined && { desiredReplicas: desired }),
  images: [image],
});

/** The five controllers as the guide installs them, all ready. */
function healthyDeployments(): DeploymentFacts[] {
  return [
    deployment(
      'baremetal-operator-system',
      'baremetal-operator-controller-manager',
      { 'control-plane': 'controller-manager' },
      1,
      'quay.io/metal3-io/baremetal-operator:v0.9.1',
    ),
    deployment(
      'baremetal-operator-system',
      'ironic-service',
      { 'ironic.metal3.io/app': 'ironic-service' },
      1,
      'quay.io/metal3-io/ironic:v26.0.1',
    ),
    deployment(
      'capm3-system',
      'capm3-controller-manager',
      { 'cluster.x-k8s.io/provider': 'infrastructure-metal3' },
      1,
      'quay.io/metal3-io/cluster-api-provider-metal3:v1.9.2',
    ),
    deployment(
      'metal3-ipam-system',
      'ipam-controller-manager',
      { 'cluster.x-k8s.io/provider': 'ipam-metal3' },
      1,
      'quay.io/metal3-io/ip-address-manager:v1.9.3',
    ),
    deployment(
      'capi-system',
      'capi-controller-manager',
      { 'cluster.x-k8s.io/provider': 'cluster-api' },
      1,
      'registry.k8s.io/cluster-api/cluster-api-controller:v1.9.4',
    ),
  ];
}

const byItem = (findings: CheckFinding[], item: string) =>
  findings.find(f => f.item === item)!;

describe('checkServedKinds', () => {
  it.each([
    [
      'every kind served',
      allServed(),
      'machinedeployments.cluster.x-k8s.io',
      'ok',
      'MachineDeployment served (read as cluster.x-k8s.io/v1beta2)',
    ],
    [
      'CAPI serving only v1beta1 (older clusters)',
      allServed().map(s =>
        s.kind === 'Machine' ? { ...s, versions: ['v1beta1'] } : s,
      ),
      'machines.cluster.x-k8s.io',
      'ok',
      'Machine served (read as cluster.x-k8s.io/v1beta1)',
    ],
    [
      'BareMetalHost missing',
      without('BareMetalHost'),
      'baremetalhosts.metal3.io',
      'problem',
      'BareMetalHost is not served (no CRD baremetalhosts.metal3.io)',
    ],
    [
      'a kind served only in a version the portal cannot read',
      allServed().map(s =>
        s.kind === 'MachineHealthCheck' ? { ...s, versions: ['v1alpha4'] } : s,
      ),
      'machinehealthchecks.cluster.x-k8s.io',
      'problem',
      'MachineHealthCheck is served only as v1alpha4; the portal reads v1beta2 or v1beta1',
    ],
    [
      'a same-named kind of another group does not count',
      [
        ...without('IPPool'),
        { group: 'ipam.cluster.x-k8s.io', kind: 'IPPool', versions: ['v1'] },
      ],
      'ippools.ipam.metal3.io',
      'problem',
      'IPPool is not served (no CRD ippools.ipam.metal3.io)',
    ],
  ])('%s', (_case, served, item, outcome, title) => {
    const finding = byItem(
      checkServedKinds({ cluster: 'c1', servedKinds: served }),
      item,
    );
    expect(finding).toMatchObject({
      check: 'stack.crd-served',
      subject: { kind: 'cluster', cluster: 'c1', name: 'c1' },
      outcome,
      title,
    });
  });

  it('lists every kind the portal needs, one finding each', () => {
    const findings = checkServedKinds({
      cluster: 'c1',
      servedKinds: allServed(),
    });
    expect(findings.map(f => f.item)).toEqual(
      expect.arrayContaining([
        'baremetalhosts.metal3.io',
        'hardwaredata.metal3.io',
        'clusters.cluster.x-k8s.io',
        'machinedeployments.cluster.x-k8s.io',
        'machinesets.cluster.x-k8s.io',
        'machines.cluster.x-k8s.io',
        'machinehealthchecks.cluster.x-k8s.io',
        'metal3machines.infrastructure.cluster.x-k8s.io',
        'metal3machinetemplates.infrastructure.cluster.x-k8s.io',
        'metal3datatemplates.infrastructure.cluster.x-k8s.io',
        'metal3remediations.infrastructure.cluster.x-k8s.io',
        'metal3remediationtemplates.infrastructure.cluster.x-k8s.io',
        'ippools.ipam.metal3.io',
        'provider-networks.kubeovn.io',
      ]),
    );
    expect(findings.every(f => f.outcome === 'ok')).toBe(true);
  });

  it('shows the served versions and what the portal reads', () => {
    const finding = byItem(
      checkServedKinds({ cluster: 'c1', servedKinds: allServed() }),
      'metal3remediations.infrastructure.cluster.x-k8s.io',
    );
    expect(finding.evidence).toEqual([
      {
        field:
          'CustomResourceDefinition metal3remediations.infrastructure.cluster.x-k8s.io spec.versions[served]',
        observed: ['v1beta2', 'v1beta1'],
        expected: 'one of v1beta2, v1beta1',
        violation: false,
      },
    ]);
  });

  it('gives the install command of the provider that brings a missing kind', () => {
    const finding = byItem(
      checkServedKinds({ cluster: 'c1', servedKinds: without('IPPool') }),
      'ippools.ipam.metal3.io',
    );
    expect(finding).toMatchObject({
      outcome: 'problem',
      severity: 'error',
      fix: {
        guide: 'Phase 1.1 — Initialize CAPM3',
        commands: ['clusterctl init --infrastructure metal3 --ipam metal3'],
      },
    });
  });

  it('rates a missing Kube-OVN lower than a missing Metal3 kind', () => {
    const finding = byItem(
      checkServedKinds({
        cluster: 'c1',
        servedKinds: without('ProviderNetwork'),
      }),
      'provider-networks.kubeovn.io',
    );
    expect(finding).toMatchObject({ outcome: 'problem', severity: 'warning' });
  });

  it('is unknown for every kind when discovery could not be read', () => {
    const findings = checkServedKinds({
      cluster: 'c1',
      servedKinds: { unavailable: 'cluster unreachable: connect ECONNREFUSED' },
    });
    expect(findings).toHaveLength(REQUIRED_KINDS.length);
    for (const finding of findings) {
      expect(finding).toMatchObject({
        outcome: 'unknown',
        missing:
          'no API discovery data: cluster unreachable: connect ECONNREFUSED',
      });
    }
  });
});

describe('checkControllers', () => {
  const replace = (name: string, patch: Partial<DeploymentFacts>) =>
    healthyDeployments().map(d => (d.name === name ? { ...d, ...patch } : d));

  it.each([
    [
      'all five running',
      healthyDeployments(),
      'capm3',
      'ok',
      'CAPM3 running (v1.9.2)',
    ],
    [
      'CAPM3 down (0 of 1 ready)',
      replace('capm3-controller-manager', { readyReplicas: 0 }),
      'capm3',
      'problem',
      'CAPM3 not ready: capm3-system/capm3-controller-manager has 0 of 1 replicas ready',
    ],
    [
      'BMO with 1 of 2 replicas ready',
      replace('baremetal-operator-controller-manager', {
        desiredReplicas: 2,
        readyReplicas: 1,
      }),
      'baremetal-operator',
      'problem',
      'Bare Metal Operator not ready: baremetal-operator-system/baremetal-operator-controller-manager has 1 of 2 replicas ready',
    ],
    [
      'Ironic scaled to 0',
      replace('ironic-service', { desiredReplicas: 0, readyReplicas: 0 }),
      'ironic',
      'problem',
      'Ironic is scaled to 0: baremetal-operator-system/ironic-service',
    ],
    [
      'IPAM missing',
      healthyDeployments().filter(d => d.name !== 'ipam-controller-manager'),
      'ipam',
      'problem',
      'Metal3 IPAM not found: no Deployment labelled cluster.x-k8s.io/provider=ipam-metal3 in metal3-ipam-system or capm3-system',
    ],
    [
      'IPAM in capm3-system, as older installs have it',
      replace('ipam-controller-manager', { namespace: 'capm3-system' }),
      'ipam',
      'ok',
      'Metal3 IPAM running (v1.9.3)',
    ],
    [
      'the right labels in the wrong namespace do not count',
      replace('capi-controller-manager', { namespace: 'default' }),
      'capi',
      'problem',
      'CAPI controller manager not found: no Deployment labelled cluster.x-k8s.io/provider=cluster-api in capi-system',
    ],
  ])('%s', (_case, deployments, item, outcome, title) => {
    const finding = byItem(
      checkControllers({ cluster: 'c1', deployments }),
      item,
    );
    expect(finding).toMatchObject({
      check: 'stack.controller-ready',
      outcome,
      title,
    });
  });

  it('shows replicas, image and version of each controller', () => {
    const finding = byItem(
      checkControllers({ cluster: 'c1', deployments: healthyDeployments() }),
      'capi',
    );
    expect(finding.evidence).toEqual([
      {
        field:
          'Deployment capi-system/capi-controller-manager status.readyReplicas',
        observed: 1,
        expected: '1 (spec.replicas)',
        violation: false,
      },
      {
        field: 'Deployment capi-system/capi-controller-manager image',
        observed: 'registry.k8s.io/cluster-api/cluster-api-controller:v1.9.4',
      },
      {
        field: 'Deployment capi-system/capi-controller-manager version',
        observed: 'v1.9.4',
      },
    ]);
  });

  it("names the namespace, the Deployment and the guide's phase-1 command in the fix", () => {
    const finding = byItem(
      checkControllers({
        cluster: 'c1',
        deployments: replace('capm3-controller-manager', { readyReplicas: 0 }),
      }),
      'capm3',
    );
    expect(finding).toMatchObject({
      severity: 'error',
      fix: {
        guide: 'Phase 1.3 — Verify Metal3 Stack',
        commands: [
          'kubectl get pods -n capm3-system',
          'kubectl -n capm3-system describe deployment capm3-controller-manager',
          'kubectl -n capm3-system logs deployment/capm3-controller-manager',
        ],
      },
    });
  });

  it('finds controllers by the configured namespaces and labels', () => {
    const findings = checkControllers({
      cluster: 'c1',
      deployments: [
        deployment(
          'metal3',
          'bmo',
          { app: 'bmo' },
          1,
          'example.test/bmo@sha256:0123456789abcdef0123',
        ),
      ],
      controllers: [
        {
          id: 'baremetal-operator',
          title: 'Bare Metal Operator',
          namespaces: ['metal3'],
          selector: { matchLabels: { app: 'bmo' } },
          install: { text: 'Install BMO.', guide: 'g', commands: [] },
        },
      ],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        outcome: 'ok',
        title: 'Bare Metal Operator running (sha256:0123456789ab)',
      }),
    ]);
  });

  it('is unknown when the Deployments could not be listed', () => {
    const findings = checkControllers({
      cluster: 'c1',
      deployments: {
        unavailable:
          'deployments is forbidden in capm3-system (the portal needs list on apps/deployments)',
      },
    });
    expect(findings).toHaveLength(5);
    expect(findings[0]).toMatchObject({
      outcome: 'unknown',
      missing:
        'no Deployment data: deployments is forbidden in capm3-system (the portal needs list on apps/deployments)',
    });
  });

  it('is unknown, not missing, when only its namespace could not be read', () => {
    const finding = byItem(
      checkControllers({
        cluster: 'c1',
        deployments: healthyDeployments().filter(
          d => d.namespace !== 'capi-system',
        ),
        unreadNamespaces: { 'capi-system': 'forbidden' },
      }),
      'capi',
    );
    expect(finding).toMatchObject({
      outcome: 'unknown',
      missing: 'no Deployment data for capi-system (forbidden)',
    });
  });
});

describe('checkStack', () => {
  it('answers the whole phase 1.3 in one list', () => {
    const findings = checkStack({
      cluster: 'c1',
      servedKinds: allServed(),
      deployments: healthyDeployments(),
    });
    expect(findings).toHaveLength(REQUIRED_KINDS.length + 5);
    expect(findings.filter(f => f.outcome !== 'ok')).toEqual([]);
  });
});
