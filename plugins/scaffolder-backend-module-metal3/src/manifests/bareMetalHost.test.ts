import { buildBareMetalHost, validateHostEnrollment } from './bareMetalHost';

const valid = {
  name: 'worker-3',
  namespace: 'metal3',
  bmcAddress: 'redfish+https://10.0.0.13/redfish/v1/Systems/1',
  credentialsName: 'worker-3-bmc-secret',
  bootMACAddress: '52-54-00-AA-BB-CC',
};

describe('buildBareMetalHost', () => {
  it('builds a BareMetalHost that references, not embeds, the credentials', () => {
    expect(buildBareMetalHost(valid)).toEqual({
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: { name: 'worker-3', namespace: 'metal3' },
      spec: {
        online: true,
        bootMode: 'UEFI',
        bootMACAddress: '52:54:00:aa:bb:cc',
        bmc: {
          address: valid.bmcAddress,
          credentialsName: 'worker-3-bmc-secret',
        },
      },
    });
  });

  it('reports every invalid field at once', () => {
    const errors = validateHostEnrollment({
      ...valid,
      name: 'Worker 3',
      bootMACAddress: '52:54:00',
    });
    expect(errors.map(e => e.field)).toEqual(['name', 'bootMACAddress']);
    expect(() =>
      buildBareMetalHost({ ...valid, bootMACAddress: 'zz' }),
    ).toThrow('bootMACAddress "zz" is not a MAC address');
  });
});
