/**
 * Hardware of the simulated servers, in BareMetalHost `status.hardware` shape.
 * The figures follow the real machines the profile names (vendor spec sheets);
 * MACs and serials are per host, derived from its index so they are stable.
 */
export interface HardwareProfile {
  id: string;
  systemPath: string;
  protocol: 'redfish' | 'ipmi';
  /**
   * The captured Redfish tree its emulated BMC serves (redfish-mockups/),
   * with this profile's system id, vendor, model, serial and MACs in place of
   * the captured ones. IPMI profiles have none.
   */
  redfishMockup?: string;
  build(index: number, hostname: string): Record<string, unknown>;
}

const mac = (prefix: string, index: number, port: number) =>
  `${prefix}:${((index >> 8) & 0xff).toString(16).padStart(2, '0')}:${(
    index & 0xff
  )
    .toString(16)
    .padStart(2, '0')}:${port.toString(16).padStart(2, '0')}`;

function nics(
  prefix: string,
  index: number,
  names: string[],
  speeds: number[],
) {
  return names.map((name, port) => ({
    name,
    model: 'Intel Corporation E810',
    mac: mac(prefix, index, port + 1),
    ip: port === 0 ? `172.22.${(index >> 8) & 0xff}.${index & 0xff}` : '',
    speedGbps: speeds[port],
    pxe: port === 0,
  }));
}

export const PROFILES: Record<string, HardwareProfile> = {
  'dell-r650': {
    id: 'dell-r650',
    systemPath: '/redfish/v1/Systems/System.Embedded.1',
    protocol: 'redfish',
    // No Dell capture is public: DMTF's reference rack server stands in.
    redfishMockup: 'dmtf-public-rackmount1',
    build: (index, hostname) => ({
      hostname,
      systemVendor: {
        manufacturer: 'Dell Inc.',
        productName: 'PowerEdge R650',
        serialNumber: `DL${String(index).padStart(5, '0')}`,
      },
      firmware: {
        bios: { vendor: 'Dell Inc.', version: '1.13.2', date: '2024-04-18' },
      },
      cpu: {
        arch: 'x86_64',
        model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
        clockMegahertz: 2000,
        count: 64,
        flags: ['avx512f', 'vmx'],
      },
      ramMebibytes: 524288,
      nics: nics(
        'b0:7b:25',
        index,
        ['eno12399', 'eno12409', 'eno8303', 'eno8403'],
        [25, 25, 1, 1],
      ),
      storage: [
        {
          name: '/dev/nvme0n1',
          type: 'NVME',
          rotational: false,
          sizeBytes: 3840755982336,
          vendor: 'Dell',
          model: 'Dell Ent NVMe P5600 MU U.2 3.2TB',
          serialNumber: `PHAB${index}A`,
        },
        {
          name: '/dev/nvme1n1',
          type: 'NVME',
          rotational: false,
          sizeBytes: 3840755982336,
          vendor: 'Dell',
          model: 'Dell Ent NVMe P5600 MU U.2 3.2TB',
          serialNumber: `PHAB${index}B`,
        },
        {
          name: '/dev/sda',
          type: 'SSD',
          rotational: false,
          sizeBytes: 479559942144,
          vendor: 'ATA',
          model: 'MTFDDAK480TDT',
          serialNumber: `MT${index}`,
          hctl: '0:0:0:0',
        },
      ],
    }),
  },
  'hpe-dl325': {
    id: 'hpe-dl325',
    systemPath: '/redfish/v1/Systems/1',
    protocol: 'redfish',
    redfishMockup: 'hpe-ilo5-proliant-dl325-gen10plus',
    build: (index, hostname) => ({
      hostname,
      systemVendor: {
        manufacturer: 'HPE',
        productName: 'ProLiant DL325 Gen10 Plus',
        serialNumber: `CZJ${String(index).padStart(7, '0')}`,
      },
      firmware: {
        bios: { vendor: 'HPE', version: 'A43 v2.72', date: '2023-08-10' },
      },
      cpu: {
        arch: 'x86_64',
        model: 'AMD EPYC 7543P 32-Core Processor',
        clockMegahertz: 2800,
        count: 64,
        flags: ['avx2', 'svm'],
      },
      ramMebibytes: 262144,
      // Four ports, as the captured iLO serves (two 25G links, two down):
      // every port the BMC lists gets its kernel name.
      nics: nics(
        '88:e9:a4',
        index,
        ['ens1f0', 'ens1f1', 'ens2f0', 'ens2f1'],
        [25, 25, 25, 25],
      ),
      storage: [
        {
          name: '/dev/sda',
          type: 'SSD',
          rotational: false,
          sizeBytes: 960197124096,
          vendor: 'HPE',
          model: 'VK000960GWSRT',
          serialNumber: `S4${index}A`,
          hctl: '0:0:0:0',
        },
        {
          name: '/dev/sdb',
          type: 'SSD',
          rotational: false,
          sizeBytes: 960197124096,
          vendor: 'HPE',
          model: 'VK000960GWSRT',
          serialNumber: `S4${index}B`,
          hctl: '0:0:1:0',
        },
      ],
    }),
  },
  'supermicro-1029': {
    id: 'supermicro-1029',
    systemPath: '',
    protocol: 'ipmi',
    build: (index, hostname) => ({
      hostname,
      systemVendor: {
        manufacturer: 'Supermicro',
        productName: 'SYS-1029P-WTR',
        serialNumber: `S${String(index).padStart(9, '0')}`,
      },
      firmware: {
        bios: {
          vendor: 'American Megatrends Inc.',
          version: '3.4',
          date: '2021-02-17',
        },
      },
      cpu: {
        arch: 'x86_64',
        model: 'Intel(R) Xeon(R) Silver 4210 CPU @ 2.20GHz',
        clockMegahertz: 2200,
        count: 40,
        flags: ['avx512f', 'vmx'],
      },
      ramMebibytes: 393216,
      nics: nics('ac:1f:6b', index, ['eno1', 'eno2'], [10, 10]),
      storage: [
        {
          name: '/dev/sda',
          type: 'HDD',
          rotational: true,
          sizeBytes: 4000787030016,
          vendor: 'ATA',
          model: 'ST4000NM000A',
          serialNumber: `ZC${index}`,
          hctl: '0:0:0:0',
        },
      ],
    }),
  },
};
