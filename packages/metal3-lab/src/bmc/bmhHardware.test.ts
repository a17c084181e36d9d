import { hardwareFromRedfish } from './bmhHardware';
import { identityRewrite } from './hostIdentity';
import { identityFromHostId } from './identityFromHostId';
import { loadMockup, members, readResource } from './mockupTree';
import { servedReader } from './servedReader';

const captured = (mockup: string) => {
  const tree = loadMockup(mockup);
  const systemUri = members(tree, '/redfish/v1/Systems')[0];
  return hardwareFromRedfish(uri => readResource(tree, uri), systemUri);
};

/** The hardware one host's BMC serves, with the identity its id gives it. */
const ofHost = (mockup: string, hostId: string) => {
  const tree = loadMockup(mockup);
  const identity = identityFromHostId(hostId, tree);
  const rewrite = identityRewrite(tree, identity);
  const systemUri = members(tree, '/redfish/v1/Systems')[0];
  return {
    identity,
    hardware: hardwareFromRedfish(servedReader(tree, rewrite), systemUri),
  };
};

describe('hardwareFromRedfish over the captured trees', () => {
  it('rackmount1: CPUs only, present DIMMs, physical ports once, sized disks', () => {
    expect(captured('dmtf-public-rackmount1')).toEqual({
      cpu: {
        arch: 'x86_64',
        model: 'Multi-Core Intel(R) Xeon(R) processor 7xxx Series',
        count: 16, // CPU1's threads: CPU2 is absent, FPGA1 is no CPU
        clockMegahertz: 3700,
      },
      ramMebibytes: 3 * 32768,
      // VLAN1 repeats port 0411's MAC, ToManager is the BMC's host interface.
      nics: [
        { name: '12446A3B0411', mac: '12:44:6a:3b:04:11', speedGbps: 1 },
        { name: '12446A3B8890', mac: '12:44:6a:3b:88:90', speedGbps: 1 },
      ],
      storage: [
        { name: 'SATA Bay 1', sizeBytes: 8000000000000, rotational: false },
        { name: 'SATA Bay 2', sizeBytes: 4000000000000, rotational: false },
      ],
      systemVendor: {
        manufacturer: 'Contoso',
        productName: '3500',
        serialNumber: '437XR1138R2',
      },
      firmware: {
        bios: { vendor: 'Contoso', version: 'P79 v1.45 (12/06/2017)' },
      },
    });
  });

  it('bladed: memory from the summary, no NIC data, bays without size left out', () => {
    const hardware = captured('dmtf-public-bladed');
    expect(hardware.cpu).toEqual({
      arch: 'x86_64',
      model: 'Multi-Core Intel(R) Xeon(R) processor E5-1603',
      count: 8,
      clockMegahertz: 2800,
    });
    expect(hardware.ramMebibytes).toBe(64 * 1024);
    expect(hardware.nics).toEqual([]);
    expect(hardware.storage).toEqual([]);
    expect(hardware.systemVendor.productName).toBe('SX1000');
  });

  it('iLO 5: trimmed model, absent DIMMs skipped, OS-reported NICs', () => {
    const hardware = captured('hpe-ilo5-proliant-dl325-gen10plus');
    expect(hardware.cpu).toEqual({
      arch: 'x86_64',
      model: 'AMD EPYC 7302P 16-Core Processor',
      count: 32,
      clockMegahertz: 4100,
    });
    expect(hardware.ramMebibytes).toBe(4 * 16384);
    expect(hardware.nics.map(n => [n.mac, n.speedGbps])).toEqual([
      ['94:40:c9:5c:86:bc', 25],
      ['94:40:c9:5c:86:bd', 0],
      ['14:02:ec:d9:3a:a0', 25],
      ['14:02:ec:d9:3a:a1', 0],
    ]);
    expect(hardware.storage).toEqual([]); // the Storage collection is empty
    expect(hardware.systemVendor).toEqual({
      manufacturer: 'HPE',
      productName: 'ProLiant DL325 Gen10 Plus',
      serialNumber: 'MXQ019020B',
    });
  });
});

describe.each([
  'dmtf-public-rackmount1',
  'dmtf-public-bladed',
  'hpe-ilo5-proliant-dl325-gen10plus',
])('the hardware a host of %s serves', mockup => {
  it("carries the host's identity, unique per host and stable per id", () => {
    const a = ofHost(mockup, 'cluster-a:ns/host-1');
    const b = ofHost(mockup, 'cluster-a:ns/host-2');
    expect(ofHost(mockup, 'cluster-a:ns/host-1')).toEqual(a);
    expect(a.hardware.systemVendor.serialNumber).toBe(a.identity.serialNumber);
    expect(a.hardware.systemVendor.serialNumber).not.toBe(
      b.hardware.systemVendor.serialNumber,
    );
    for (const nic of a.hardware.nics)
      expect(a.identity.macs).toContain(nic.mac);
    const macsA = a.hardware.nics.map(n => n.mac);
    const macsB = b.hardware.nics.map(n => n.mac);
    expect(new Set([...macsA, ...macsB]).size).toBe(
      macsA.length + macsB.length,
    );
    // The boot MAC a BareMetalHost holds is the first NIC's.
    expect(macsA[0]).toBe(a.identity.macs[0]); // both undefined without NICs
  });
});
