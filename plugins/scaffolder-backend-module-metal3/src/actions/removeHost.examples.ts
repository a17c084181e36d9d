import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const removeHostExamples: TemplateExample[] = [
  {
    description:
      'Take one server out of its pool and wait until it is cleaned and available again',
    example: yaml.stringify({
      steps: [
        {
          id: 'remove',
          action: 'metal3:host:remove',
          name: 'Remove the host from its pool',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            host: 'worker-1',
            waitForRelease: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Retire a server for good: out of its pool, detached, BareMetalHost and BMC Secret deleted',
    example: yaml.stringify({
      steps: [
        {
          id: 'retire',
          action: 'metal3:host:remove',
          name: 'Decommission the host',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            host: 'worker-1',
            decommission: true,
          },
        },
      ],
    }),
  },
];
