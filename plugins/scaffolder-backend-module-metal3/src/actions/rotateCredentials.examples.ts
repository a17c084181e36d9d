import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const rotateCredentialsExamples: TemplateExample[] = [
  {
    description:
      "Rotate a host's BMC password after setting it on the BMC (the password comes from the task's secrets)",
    example: yaml.stringify({
      steps: [
        {
          id: 'rotate',
          action: 'metal3:host:rotate-credentials',
          name: 'Rotate the BMC credentials',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            host: 'worker-1',
          },
        },
      ],
    }),
  },
];
