import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const upgradePoolExamples: TemplateExample[] = [
  {
    description:
      'Roll the general worker pool to a new OS image and Kubernetes version, one server at a time',
    example: yaml.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'metal3:pool:upgrade',
          name: 'Upgrade the pool',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            pool: 'kube-dc-workers',
            image: {
              url: 'http://images.lab/ubuntu-24.04-rke2-v1.34.qcow2',
              checksum:
                'http://images.lab/ubuntu-24.04-rke2-v1.34.qcow2.sha256sum',
              checksumType: 'sha256',
              format: 'qcow2',
            },
            kubernetesVersion: 'v1.34.1+rke2r1',
            waitForRollout: true,
          },
        },
      ],
    }),
  },
];
