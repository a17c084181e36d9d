import { transcript } from '../__fixtures__/transcript';
import { bmcNicFromLan, parseLanPrint } from './lanPrint';

describe('parseLanPrint', () => {
  it("reads the BMC's own address and MAC from the capture", () => {
    expect(parseLanPrint(transcript('lan-print-1.txt'))).toEqual({
      ipAddress: '192.0.2.10',
      ipSource: 'Static Address',
      subnetMask: '255.255.255.0',
      macAddress: '52:54:00:aa:bb:01',
      defaultGateway: '192.0.2.1',
      vlanId: 'Disabled',
      cipherSuites: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    });
  });

  it('labels the NIC as the BMC port, never a host boot NIC', () => {
    const nic = bmcNicFromLan(parseLanPrint(transcript('lan-print-1.txt')), 1);
    expect(nic).toMatchObject({
      name: 'BMC LAN channel 1',
      mac: '52:54:00:aa:bb:01',
    });
    expect(nic?.note).toMatch(/BMC's own network port \(IP 192\.0\.2\.10\)/);
    expect(nic?.note).toMatch(/cannot report the host's NIC MACs/);
  });

  it('normalises dashes and upper case, and drops an all-zero MAC', () => {
    expect(parseLanPrint('MAC Address : 52-54-00-AA-BB-01').macAddress).toBe(
      '52:54:00:aa:bb:01',
    );
    const zero = parseLanPrint('MAC Address : 00:00:00:00:00:00');
    expect(zero.macAddress).toBeUndefined();
    expect(bmcNicFromLan(zero, 1)).toBeUndefined();
  });
});
