import { bmcSummary } from './bmcSummary';

describe('bmcSummary', () => {
  it.each([
    ['ipmi://192.168.111.1:6230', 'ipmi', '192.168.111.1'],
    [
      'redfish-virtualmedia+https://bmc.rack1.example/redfish/v1/Systems/1',
      'redfish',
      'bmc.rack1.example',
    ],
    [
      'idrac-virtualmedia://10.0.0.5/redfish/v1/Systems/System.Embedded.1',
      'redfish',
      '10.0.0.5',
    ],
    ['redfish://[fd00::5]:8443/redfish/v1/Systems/abc', 'redfish', 'fd00::5'],
    ['ipmi://admin:secret@10.0.0.9', 'ipmi', '10.0.0.9'],
  ])('%s → %s on %s', (address, protocol, host) => {
    const summary = bmcSummary(address);
    expect(summary).toEqual({ protocol, host });
    expect(JSON.stringify(summary)).not.toContain('secret');
  });

  it('says nothing for a host without BMC', () => {
    expect(bmcSummary(undefined)).toEqual({});
  });
});
