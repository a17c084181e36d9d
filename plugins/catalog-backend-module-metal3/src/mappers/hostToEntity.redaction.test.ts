import { createOwnerResolver } from '@metal3-fleet/plugin-metal3-common';
import { projectBareMetalHost } from '@metal3-fleet/plugin-metal3-node';
import { hostToEntity } from './hostToEntity';

const SENTINEL = 'S3ntinel-catalog-pw';

describe('hostToEntity with a BMC address carrying userinfo', () => {
  it('emits an entity without the password, naming the BMC host only', () => {
    const host = projectBareMetalHost({
      metadata: { name: 'leaky-0', namespace: 'metal3', uid: 'u1' },
      spec: {
        bmc: {
          address: `idrac-virtualmedia://root:${SENTINEL}@10.10.0.21/redfish/v1/Systems/System.Embedded.1`,
          credentialsName: 'leaky-0-bmc',
        },
      },
      status: {
        errorMessage: `power state: https://root:${SENTINEL}@10.10.0.21 refused`,
      },
    });
    const entity = hostToEntity(
      host,
      {},
      {
        cluster: 'kube-dc-mgmt',
        providerName: 'metal3:kube-dc-mgmt',
        fleetUrl: 'http://portal.example/metal3',
        ownerOf: createOwnerResolver({
          ownerKey: 'metal3.backstage.io/owner',
          defaultOwner: 'group:default/metal3-admins',
        }),
      },
    );
    expect(entity.metadata.annotations).toMatchObject({
      'metal3.backstage.io/bmc-host': '10.10.0.21',
    });
    expect(entity.metadata.labels).toMatchObject({
      'metal3.backstage.io/bmc-protocol': 'redfish',
    });
    expect(JSON.stringify(entity)).not.toContain(SENTINEL);
    expect(JSON.stringify(entity)).not.toContain('root:');
  });
});
