import { parseUnenrolledLines, unenrolledLine } from './unenrolledLine';

describe('the racked servers yarn lab prints', () => {
  it('reads back every server it printed, among the other lines', () => {
    const servers = [1, 2].map(n => ({
      address: `redfish+https://127.100.250.${n}:8443/redfish/v1/Systems/rack-spare-${n}`,
      username: 'admin',
      bootMACAddress: `52:54:00:fa:00:0${n}`,
    }));
    const output = [
      'Lab started in 1200 ms',
      '  kube-dc-mgmt: https://127.0.0.1:6443',
      ...servers.map(s => `  ${unenrolledLine(s)}`),
      'Ctrl-C stops the lab.',
    ].join('\n');
    expect(parseUnenrolledLines(output)).toEqual(servers);
  });
});
