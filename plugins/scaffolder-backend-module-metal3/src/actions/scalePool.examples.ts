import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const scalePoolExamples: TemplateExample[] = [
  {
    description:
      'Scale the general worker pool to 3 servers and wait until the new node is ready',
    example: yaml.stringify({
      steps: [
        {
          id: 'scale',
          action: 'metal3:pool:scale',
          name: 'Scale the pool',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            pool: 'kube-dc-workers',
            replicas: 3,
            maxReplicas: 10,
            waitForReady: true,
          },
        },
      ],
    }),
  },
];
