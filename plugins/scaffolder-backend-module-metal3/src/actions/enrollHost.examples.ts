import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const enrollHostExamples: TemplateExample[] = [
  {
    description: 'Enroll a Redfish server into the pool of general workers',
    example: yaml.stringify({
      steps: [
        {
          id: 'enroll',
          action: 'metal3:host:enroll',
          name: 'Enroll the host',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            name: 'worker-7',
            bmcAddress: 'redfish+https://10.10.0.27/redfish/v1/Systems/1',
            bmcUsername: 'admin',
            bootMACAddress: '52:54:00:0a:00:07',
            bootMode: 'UEFI',
            labels: { pool: 'workers' },
          },
        },
      ],
    }),
  },
];
