// The lab API server's own structural admission over the real CRDs.
import { admitAgainstSchema, crdSchemaFor } from '@metal3-fleet/metal3-lab';
import { buildBareMetalHost, buildBmcSecret } from './bareMetalHost';
import { CAPI_VERSIONS, CapiVersion } from './capi';
import { parseHostRows, validateHostRows } from './hostRows';
import { mergeCustomInterfaces } from './providerNetwork';
import { buildUpgradedTemplate } from './upgradeTemplate';
import { buildWorkerPool, creationOrder, WorkerPoolInput } from './workerPool';

/**
 * Every manifest the actions write, checked against the real upstream CRD
 * schemas the way the API server checks them (the lab's structural
 * admission): no error and no field pruned, over many input combinations
 * and both Cluster API versions.
 */
function admit(manifest: any) {
  const [group, version] = manifest.apiVersion.includes('/')
    ? manifest.apiVersion.split('/')
    : ['', manifest.apiVersion];
  const schema = crdSchemaFor(group, manifest.kind, version);
  if (!schema)
    return { kind: manifest.kind, core: true, errors: [], unknownFields: [] };
  const { errors, unknownFields } = admitAgainstSchema(schema, manifest);
  return { kind: manifest.kind, core: false, errors, unknownFields };
}

const base: WorkerPoolInput = {
  name: 'gpu-workers',
  namespace: 'metal3',
  clusterName: 'kube-dc',
  replicas: 2,
  kubernetesVersion: 'v1.33.0+rke2r1',
  hostSelector: { matchLabels: { pool: 'gpu' } },
  image: {
    url: 'http://images.lab/ubuntu.qcow2',
    checksum: 'http://images.lab/ubuntu.qcow2.sha256sum',
    checksumType: 'sha256',
    format: 'qcow2',
  },
  ipPool: {
    start: '10.10.2.10',
    end: '10.10.2.100',
    prefix: 24,
    gateway: '10.10.2.1',
  },
  nics: [{ interface: 'ens1f0', addressFromPool: true }],
  join: {
    serverUrl: 'https://10.10.0.10:9345',
    tokenSecretName: 'rke2-join-token',
  },
};

const nicVariants: WorkerPoolInput['nics'][] = [
  [{ interface: 'ens1f0', addressFromPool: true }],
  [
    { interface: 'eno12399', addressFromPool: true, mtu: 1500 },
    { interface: 'eno12409', trunk: true, mtu: 9000 },
  ],
  [
    { macAddress: '52-54-00-AA-BB-01', id: 'prov', addressFromPool: true },
    { macAddress: '52:54:00:aa:bb:02', id: 'trunk0', trunk: true },
  ],
  [
    { interface: 'eno1', addressFromPool: true },
    { interface: 'eno2', trunk: true },
    { interface: 'eno3' },
  ],
];
const imageVariants: WorkerPoolInput['image'][] = [
  base.image,
  {
    url: 'https://images.example/ubuntu.raw',
    checksum: 'abc123',
    checksumType: 'md5',
    format: 'raw',
  },
  { url: 'https://images.example/live.iso', format: 'live-iso' },
  { url: 'oci://registry.example/os/ubuntu:24.04' },
];
const networkVariants: WorkerPoolInput['ipPool'][] = [
  base.ipPool,
  {
    start: '192.168.0.10',
    end: '192.168.0.20',
    prefix: 26,
    dnsServers: ['1.1.1.1', '8.8.8.8'],
  },
];
const policyVariants: Partial<WorkerPoolInput>[] = [
  {},
  {
    maxSurge: 1,
    maxUnavailable: 0,
    replicas: 0,
    automatedCleaningMode: 'disabled',
  },
  {
    remediation: { retryLimit: 5, timeoutSeconds: 100 },
    healthCheck: {
      maxUnhealthy: '40%',
      unhealthySeconds: 60,
      nodeStartupSeconds: 600,
    },
    nodeLabels: { 'node-role.kubernetes.io/gpu': 'true' },
  },
];

const combinations = nicVariants.flatMap(nics =>
  imageVariants.flatMap(image =>
    networkVariants.flatMap(ipPool =>
      policyVariants.map(policy => ({
        ...base,
        nics,
        image,
        ipPool,
        ...policy,
      })),
    ),
  ),
);

describe('generated manifests against the real CRD schemas', () => {
  it('covers many combinations', () => {
    expect(combinations.length).toBeGreaterThanOrEqual(90);
  });

  it('would catch a field of the other version (the check is not vacuous)', () => {
    const v1 = buildWorkerPool(base, 'v1beta1', 't');
    const asV2 = {
      ...v1.machineDeployment,
      apiVersion: 'cluster.x-k8s.io/v1beta2',
    };
    expect(admit(asV2).unknownFields).toContain('spec.strategy');
    const template = {
      ...v1.machineTemplate,
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    };
    expect(admit(template).unknownFields).toContain(
      'spec.template.spec.image.format',
    );
  });

  it.each(CAPI_VERSIONS)(
    'every worker-pool object validates in %s',
    (v: CapiVersion) => {
      let checked = 0;
      for (const input of combinations) {
        for (const manifest of creationOrder(
          buildWorkerPool(input, v, 'token-value'),
        )) {
          const result = admit(manifest);
          expect(result).toEqual({
            kind: manifest.kind,
            core: result.core,
            errors: [],
            unknownFields: [],
          });
          if (!result.core) checked++;
        }
      }
      // Six custom resources per pool (the Secret is core).
      expect(checked).toBe(combinations.length * 6);
    },
  );

  it.each(CAPI_VERSIONS)(
    'an upgraded template validates in %s',
    (v: CapiVersion) => {
      const pool = buildWorkerPool(base, v, 'token');
      for (const image of imageVariants) {
        for (const nodeReuse of [undefined, true, false]) {
          const next = buildUpgradedTemplate(
            pool.machineTemplate,
            'gpu-workers-v2',
            { image, nodeReuse },
            v,
          );
          expect(admit(next)).toMatchObject({ errors: [], unknownFields: [] });
        }
      }
    },
  );

  it('every host of a parsed batch validates as a BareMetalHost', () => {
    const schemes = [
      'redfish+https://10.0.0.1/redfish/v1/Systems/1',
      'redfish-virtualmedia://10.0.0.1/redfish/v1/Systems/1',
      'idrac-virtualmedia://10.0.0.1/redfish/v1/Systems/System.Embedded.1',
      'ilo5-virtualmedia://10.0.0.1/redfish/v1/Systems/1',
      'ipmi://10.0.0.1:623',
    ];
    const csv = [
      'name,bmcAddress,username,bootMACAddress,bootMode,disableCertificateVerification,labels',
      ...schemes.flatMap((address, i) =>
        ['UEFI', 'UEFISecureBoot', 'legacy'].map(
          (mode, j) =>
            `h-${i}-${j},${address},admin,52:54:00:00:0${i}:0${j},${mode},${
              j % 2 === 0
            },pool=workers;rack=r${i}`,
        ),
      ),
    ].join('\n');
    const { good, problems } = validateHostRows(
      parseHostRows(csv, 'csv'),
      'metal3',
      n => `${n}-bmc-secret`,
    );
    expect(problems).toEqual([]);
    expect(good).toHaveLength(15);
    for (const { host } of good) {
      const manifest = buildBareMetalHost({
        ...host,
        namespace: 'metal3',
        credentialsName: `${host.name}-bmc-secret`,
        rootDeviceHints: { deviceName: '/dev/sda' },
        automatedCleaningMode: 'disabled',
      });
      expect(admit(manifest)).toMatchObject({ errors: [], unknownFields: [] });
    }
    expect(
      buildBmcSecret({
        name: 's',
        namespace: 'metal3',
        username: 'u',
        password: 'p',
      }).kind,
    ).toBe('Secret');
  });

  it('a merged ProviderNetwork spec validates', () => {
    const spec = {
      defaultInterface: 'eno12399',
      customInterfaces: mergeCustomInterfaces(
        'eno12399',
        [{ interface: 'ens1f0', nodes: [] }],
        [
          { node: 'worker-0', interface: 'eno12409' },
          { node: 'gpu-0', interface: 'ens1f1' },
          { node: 'worker-1', interface: 'eno12399' },
        ],
      ),
    };
    expect(spec.customInterfaces).toEqual([
      { interface: 'ens1f0', nodes: [] },
      { interface: 'eno12409', nodes: ['worker-0'] },
      { interface: 'ens1f1', nodes: ['gpu-0'] },
    ]);
    expect(
      admit({
        apiVersion: 'kubeovn.io/v1',
        kind: 'ProviderNetwork',
        metadata: { name: 'trunk' },
        spec,
      }),
    ).toMatchObject({ core: false, errors: [], unknownFields: [] });
  });
});
