import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createPoolExample = {
  cluster: 'kube-dc-mgmt',
  namespace: 'metal3',
  name: 'gpu-workers',
  clusterName: 'kube-dc',
  replicas: 1,
  kubernetesVersion: 'v1.33.0+rke2r1',
  hostSelector: { pool: 'gpu' },
  image: {
    url: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2',
    checksum: 'http://images.lab/ubuntu-24.04-rke2-v1.33.qcow2.sha256sum',
    checksumType: 'sha256',
    format: 'qcow2',
  },
  ipPool: {
    start: '10.10.2.10',
    end: '10.10.2.100',
    prefix: 24,
    gateway: '10.10.2.1',
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
  waitForReady: true,
};

export const createPoolExamples: TemplateExample[] = [
  {
    description:
      'Create a GPU worker pool of one server: addresses from an IPPool, the second NIC as the VLAN trunk, reboot remediation',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'metal3:pool:create',
          name: 'Create the pool',
          input: createPoolExample,
        },
      ],
    }),
  },
];
