import { parseHostRows, validateHostRows } from './hostRows';

const secretName = (name: string) => `${name}-bmc-secret`;

describe('parseHostRows (CSV from spreadsheets)', () => {
  it('reads a byte-order mark, CRLF line ends, and quoted cells with commas, quotes and line breaks', () => {
    const csv = [
      '\uFEFFname,bmcAddress,username,bootMACAddress,labels',
      'r-01,redfish+https://10.0.0.1/redfish/v1/Systems/1,"ad,""min""",52:54:00:00:00:01,"pool=a,',
      'rack=r1"',
      '',
      '# a comment line',
      'r-02,ipmi://10.0.0.2,admin,52:54:00:00:00:02,pool=a;rack=r2',
    ].join('\r\n');
    const { rows, problems } = parseHostRows(csv, 'csv');
    expect(problems).toEqual([]);
    expect(rows.map(r => r.row)).toEqual([1, 2]);
    expect(rows[0].host).toMatchObject({
      name: 'r-01',
      username: 'ad,"min"',
      labels: { pool: 'a', rack: 'r1' },
    });
    expect(rows[1].host.labels).toEqual({ pool: 'a', rack: 'r2' });
  });

  it('names every bad row by its number and field, whatever line it starts on', () => {
    const csv = [
      'name,bmcAddress,username,bootMACAddress,labels',
      'ok-1,ipmi://10.0.0.1,admin,52:54:00:00:00:01,"pool=a,\nrack=r1"',
      'bad-mac,ipmi://10.0.0.2,admin,52:54:00:00:00,',
      'ok-1,ipmi://10.0.0.3,,52:54:00:00:00:03,',
    ].join('\n');
    const { good, problems } = validateHostRows(
      parseHostRows(csv, 'csv'),
      'metal3',
      secretName,
    );
    expect(good.map(g => g.row)).toEqual([1]);
    expect(problems.map(p => [p.row, p.field])).toEqual([
      [2, 'bootMACAddress'],
      [3, 'username'],
      [3, 'name'],
    ]);
    expect(problems[0].message).toMatch(/^row 2: bootMACAddress/);
  });

  it('refuses a broken file as a whole, naming the line', () => {
    const { rows, problems } = parseHostRows(
      'name,bmcAddress\n"unclosed,ipmi://10.0.0.1\n',
      'csv',
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        row: 0,
        field: 'hosts',
        message: expect.stringMatching(/^hosts: not valid CSV \(line \d+\)/),
      }),
    ]);
  });
});
