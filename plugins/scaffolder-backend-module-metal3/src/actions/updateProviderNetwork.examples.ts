import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const updateProviderNetworkExamples: TemplateExample[] = [
  {
    description:
      "Attach the general workers' trunk NICs to the Kube-OVN provider network `trunk`",
    example: yaml.stringify({
      steps: [
        {
          id: 'network',
          action: 'metal3:provider-network:update',
          name: 'Update the provider network',
          input: {
            cluster: 'kube-dc-mgmt',
            providerNetwork: 'trunk',
            namespace: 'metal3',
            pool: 'kube-dc-workers',
          },
        },
      ],
    }),
  },
];
