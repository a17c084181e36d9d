import { KubeObject } from '../types';
import {
  validateBareMetalHost,
  validateBareMetalHostUpdate,
} from './bareMetalHostWebhook';

const host = (
  spec: object = {},
  meta: object = {},
  status: object = {},
): KubeObject => ({
  apiVersion: 'metal3.io/v1alpha1',
  kind: 'BareMetalHost',
  metadata: { name: 'worker-9', namespace: 'metal3', ...meta },
  spec: {
    online: true,
    bootMACAddress: '52:54:00:aa:bb:cc',
    bmc: {
      address: 'redfish+https://10.0.0.9/redfish/v1/Systems/1',
      credentialsName: 'c',
    },
    ...spec,
  },
  status,
});

describe('validateBareMetalHost (BMO webhook rules)', () => {
  it('accepts a valid host', () => {
    expect(validateBareMetalHost(host())).toEqual([]);
  });

  it.each([
    [
      'a removed scheme',
      { bmc: { address: 'irmc://10.0.0.9', credentialsName: 'c' } },
      "Unknown BMC type 'irmc' for address irmc://10.0.0.9",
    ],
    [
      '+http on ipmi',
      { bmc: { address: 'ipmi+http://10.0.0.9', credentialsName: 'c' } },
      "Unknown BMC type 'ipmi+http'",
    ],
    [
      'a bad host name',
      {
        bmc: {
          address: 'redfish://bad_host/redfish/v1/Systems/1',
          credentialsName: 'c',
        },
      },
      'BMC address hostname/IP : [bad_host] is invalid',
    ],
    [
      'secure boot on IPMI',
      {
        bootMode: 'UEFISecureBoot',
        bmc: { address: 'ipmi://10.0.0.9', credentialsName: 'c' },
      },
      'BMC driver ipmi does not support secure boot',
    ],
    [
      'libvirt without a boot MAC',
      {
        bootMACAddress: undefined,
        bmc: { address: 'libvirt://10.0.0.9', credentialsName: 'c' },
      },
      'BMC driver libvirt requires a BootMACAddress value',
    ],
    [
      'online false with power off disabled',
      { online: false, disablePowerOff: true },
      "node can't simultaneously have online set to false and have power off disabled",
    ],
    [
      'an image without checksum',
      { image: { url: 'http://x/y.qcow2' } },
      'checksum is required for normal images',
    ],
    [
      'an image of a forbidden scheme',
      { image: { url: 'file:///y.qcow2', checksum: 'c' } },
      'invalid scheme in URL, "file" not allowed',
    ],
    [
      'a root device hint outside /dev',
      { rootDeviceHints: { deviceName: 'sda' } },
      'device name of root device hint must be a /dev/ path, not "sda"',
    ],
    [
      'cross-namespace user data',
      { userData: { name: 'u', namespace: 'other' } },
      'userData: cross-namespace Secret references are not allowed',
    ],
    [
      'the deprecated firmware field',
      { firmware: { virtualizationEnabled: true } },
      'the Firmware field is no longer supported',
    ],
  ])('refuses %s', (_what, spec, message) => {
    expect(validateBareMetalHost(host(spec)).join('\n')).toContain(message);
  });

  it.each([
    [
      'a UUID name',
      'a3b1c2d4-1234-4abc-8def-0123456789ab',
      'BareMetalHost resource name cannot be a UUID',
    ],
    [
      'a name with other characters',
      'worker_9!',
      'cannot contain characters other than [A-Za-z0-9._-]',
    ],
  ])('refuses %s', (_what, name, message) => {
    expect(validateBareMetalHost(host({}, { name })).join('\n')).toContain(
      message,
    );
  });

  it('checks reboot and inspect annotations', () => {
    expect(
      validateBareMetalHost(
        host({}, { annotations: { 'reboot.metal3.io/x': '{"mode":"warm"}' } }),
      ),
    ).toEqual([
      'invalid mode in the reboot.metal3.io annotation, allowed are "hard", "soft" or ""',
    ]);
    expect(
      validateBareMetalHost(
        host({}, { annotations: { 'inspect.metal3.io': 'now' } }),
      )[0],
    ).toContain('invalid value for the inspect.metal3.io annotation');
    expect(
      validateBareMetalHost(
        host({}, { annotations: { 'reboot.metal3.io': '' } }),
      ),
    ).toEqual([]);
  });
});

describe('validateBareMetalHostUpdate', () => {
  it('keeps the boot MAC once set (case-insensitive)', () => {
    expect(
      validateBareMetalHostUpdate(
        host(),
        host({ bootMACAddress: '52:54:00:AA:BB:CC' }),
      ),
    ).toEqual([]);
    expect(
      validateBareMetalHostUpdate(
        host(),
        host({ bootMACAddress: '52:54:00:00:00:01' }),
      ),
    ).toEqual(['bootMACAddress can not be changed once it is set']);
  });

  it('allows a BMC address change only while registering or detached', () => {
    const moved = {
      bmc: {
        address: 'redfish://10.0.0.10/redfish/v1/Systems/1',
        credentialsName: 'c',
      },
    };
    const provisioned = {
      provisioning: { state: 'provisioned' },
      operationalStatus: 'OK',
    };
    expect(
      validateBareMetalHostUpdate(
        host({}, {}, provisioned),
        host(moved, {}, provisioned),
      )[0],
    ).toContain('BMC address can not be changed');
    const detached = { ...provisioned, operationalStatus: 'detached' };
    expect(
      validateBareMetalHostUpdate(
        host({}, {}, detached),
        host(moved, {}, detached),
      ),
    ).toEqual([]);
  });

  it('enables externallyProvisioned only from available', () => {
    const provisioning = { provisioning: { state: 'provisioning' } };
    expect(
      validateBareMetalHostUpdate(
        host({}, {}, provisioning),
        host({ externallyProvisioned: true }, {}, provisioning),
      )[0],
    ).toContain(
      'externallyProvisioned can only be enabled when in Available state, currently in provisioning',
    );
  });
});
