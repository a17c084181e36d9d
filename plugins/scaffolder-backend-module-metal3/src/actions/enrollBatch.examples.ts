import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const enrollBatchExamples: TemplateExample[] = [
  {
    description:
      'Enroll a rack of servers from CSV with one shared BMC password (secrets.bmcPassword)',
    example: yaml.stringify({
      steps: [
        {
          id: 'enroll',
          action: 'metal3:hosts:enroll-batch',
          name: 'Enroll the rack',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            format: 'csv',
            hosts: [
              'name,bmcAddress,username,bootMACAddress,labels',
              'rack4-01,redfish+https://10.10.4.1/redfish/v1/Systems/1,admin,52:54:00:04:00:01,pool=workers;rack=r4',
              'rack4-02,redfish+https://10.10.4.2/redfish/v1/Systems/1,admin,52:54:00:04:00:02,pool=workers;rack=r4',
            ].join('\n'),
            labels: { site: 'fra1' },
            maxConcurrency: 5,
          },
        },
      ],
    }),
  },
  {
    description:
      'Enroll hosts from YAML; each host has its own password in secrets["bmcPassword.<name>"]',
    example: yaml.stringify({
      steps: [
        {
          id: 'enroll',
          action: 'metal3:hosts:enroll-batch',
          name: 'Enroll the hosts',
          input: {
            cluster: 'kube-dc-mgmt',
            namespace: 'metal3',
            format: 'yaml',
            hosts: yaml.stringify([
              {
                name: 'gpu-1',
                bmcAddress:
                  'idrac-virtualmedia://10.10.5.1/redfish/v1/Systems/System.Embedded.1',
                username: 'root',
                bootMACAddress: 'b0:7b:25:05:00:01',
                labels: { pool: 'gpu' },
              },
            ]),
            waitForInspection: true,
          },
        },
      ],
    }),
  },
];
