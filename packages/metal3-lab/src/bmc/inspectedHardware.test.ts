import { inspectedHardware } from './inspectedHardware';

const bmc = {
  cpu: { arch: 'x86_64', model: 'Xeon', count: 16, clockMegahertz: 3700 },
  ramMebibytes: 98304,
  nics: [
    { name: '12446A3B0411', mac: 'b0:7b:25:00:00:01', speedGbps: 1 },
    { name: '12446A3B8890', mac: 'b0:7b:25:00:00:09', speedGbps: 10 },
  ],
  storage: [{ name: 'SATA Bay 1', sizeBytes: 8e12, rotational: false }],
  systemVendor: {
    manufacturer: 'Dell Inc.',
    productName: 'PowerEdge R650',
    serialNumber: 'DL00001',
  },
  firmware: { bios: { vendor: 'Dell Inc.', version: 'P79 v1.45' } },
};

const osView = {
  hostname: 'worker-0',
  cpu: { count: 64, model: 'Gold', flags: ['vmx'] },
  ramMebibytes: 524288,
  nics: [
    {
      name: 'eno12399',
      model: 'Intel E810',
      mac: 'B0:7B:25:00:00:01',
      ip: '172.22.0.1',
      pxe: true,
    },
  ],
  systemVendor: { manufacturer: 'Other', productName: 'X', serialNumber: 'Y' },
};

describe('inspectedHardware', () => {
  it("takes the machine from the BMC and the NICs' kernel names, addresses and PXE flags from the OS", () => {
    expect(inspectedHardware(bmc, osView)).toEqual({
      hostname: 'worker-0',
      systemVendor: bmc.systemVendor,
      firmware: bmc.firmware,
      cpu: { ...bmc.cpu, flags: ['vmx'] },
      ramMebibytes: 98304,
      nics: [
        {
          name: 'eno12399',
          model: 'Intel E810',
          mac: 'b0:7b:25:00:00:01',
          ip: '172.22.0.1',
          speedGbps: 1,
          pxe: true,
        },
        // A port the OS view does not know: the Redfish id names it.
        {
          name: '12446A3B8890',
          mac: 'b0:7b:25:00:00:09',
          ip: '',
          speedGbps: 10,
          pxe: false,
        },
      ],
      storage: bmc.storage,
    });
  });

  it('keeps the NICs and disks the OS sees where the BMC lists none', () => {
    const disks = [{ name: '/dev/sda', sizeBytes: 9e11, rotational: false }];
    const hardware = inspectedHardware(
      { ...bmc, nics: [], storage: [] },
      { ...osView, storage: disks },
    );
    expect(hardware.nics).toEqual(osView.nics);
    expect(hardware.storage).toEqual(disks);
  });
});
