import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import {
  clusterHostFacts,
  entityHostFacts,
  projectBareMetalHost,
  projectMachineDeployment,
} from '@metal3-fleet/plugin-metal3-node';
import { hostToEntity } from './hostToEntity';

/**
 * The runbook's catalog drift check compares the facts read back from a
 * host entity with the same facts computed from the cluster. For an entity
 * this mapper just emitted they must be equal, or every host would drift.
 */
const ownerOf = createOwnerResolver({
  ownerKey: 'metal3.backstage.io/owner',
  defaultOwner: 'group:default/metal3-admins',
});
const context = {
  cluster: 'kube-dc-mgmt',
  providerName: 'metal3:kube-dc-mgmt',
  fleetUrl: 'http://portal.example/metal3',
  ownerOf,
};

describe('host entity facts for the drift check', () => {
  it.each([
    [
      'a pool member with inspected hardware',
      {
        metadata: {
          name: 'worker-0',
          namespace: 'metal3',
          resourceVersion: '1',
          labels: { 'metal3.backstage.io/owner': 'team-storage' },
        },
        spec: {
          bootMACAddress: '52:54:00:AA:00:01',
          bmc: {
            address:
              'idrac-virtualmedia://10.10.0.21/redfish/v1/Systems/System.Embedded.1',
            credentialsName: 'worker-0-bmc-secret',
          },
        },
        status: {
          hardware: {
            systemVendor: {
              manufacturer: 'Dell Inc.',
              productName: 'PowerEdge R650',
              serialNumber: 'ABC123',
            },
          },
        },
      },
      true,
    ],
    [
      'a free IPMI host not inspected yet',
      {
        metadata: {
          name: 'spare-1',
          namespace: 'metal3',
          resourceVersion: '1',
        },
        spec: {
          bmc: { address: 'ipmi://10.10.0.31:623', credentialsName: 's' },
        },
      },
      false,
    ],
  ])('%s: the entity says what the cluster says', (_name, raw, member) => {
    const host = projectBareMetalHost(raw);
    const pool = projectMachineDeployment({
      metadata: {
        name: 'kube-dc-workers',
        namespace: 'metal3',
        resourceVersion: '1',
      },
    });
    const entity = hostToEntity(host, member ? { pool } : {}, context);
    expect(entityHostFacts(entity)).toEqual(
      clusterHostFacts({
        cluster: 'kube-dc-mgmt',
        host,
        ...(member && {
          pool: { namespace: 'metal3', name: 'kube-dc-workers' },
        }),
        ownerOf,
      }),
    );
  });
});
