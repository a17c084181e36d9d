import { parseHostRows, validateHostRows } from './hostRows';
import { validateWorkerPool, WorkerPoolInput } from './workerPool';
import { nextTemplateName, validateUpgrade } from './upgradeTemplate';

const pool: WorkerPoolInput = {
  name: 'gpu',
  namespace: 'metal3',
  clusterName: 'kube-dc',
  replicas: 1,
  kubernetesVersion: 'v1.33.0+rke2r1',
  hostSelector: { matchLabels: { pool: 'gpu' } },
  image: { url: 'http://i/x.qcow2', checksum: 'abc', format: 'qcow2' },
  ipPool: {
    start: '10.0.0.10',
    end: '10.0.0.20',
    prefix: 24,
    gateway: '10.0.0.1',
  },
  nics: [{ interface: 'ens1f0', addressFromPool: true }],
  join: { serverUrl: 'https://10.0.0.2:9345', tokenSecretName: 'join' },
};

describe('validation names the field', () => {
  it.each([
    [
      { nics: [{ macAddress: '52:54:00', addressFromPool: true }] },
      'nics[0].macAddress',
    ],
    [
      { nics: [{ interface: 'eno1' }] },
      'nics: exactly one NIC must have addressFromPool',
    ],
    [
      { nics: [{ interface: 'eno1', trunk: true, addressFromPool: true }] },
      'nics[0].addressFromPool',
    ],
    [{ image: { url: 'ftp://x/y', checksum: 'a' } }, 'image.url'],
    [{ image: { url: 'http://x/y.qcow2' } }, 'image.checksum'],
    [{ image: { url: 'oci://r/os:1', checksum: 'a' } }, 'image.checksum: OCI'],
    [
      { ipPool: { start: '10.0.0.30', end: '10.0.0.20', prefix: 24 } },
      'ipPool.end',
    ],
    [
      {
        ipPool: {
          start: '10.0.0.10',
          end: '10.0.0.20',
          prefix: 24,
          gateway: '10.1.0.1',
        },
      },
      'ipPool.gateway',
    ],
    [{ hostSelector: { matchLabels: {} } }, 'hostSelector'],
    [{ kubernetesVersion: '1.33' }, 'kubernetesVersion'],
    [{ maxSurge: 0, maxUnavailable: 0 }, 'maxUnavailable'],
    [
      { join: { serverUrl: 'http://x:9345', tokenSecretName: 'j' } },
      'join.serverUrl',
    ],
    [{ remediation: { timeoutSeconds: 10 } }, 'remediation.timeoutSeconds'],
    [{ name: 'Bad_Name' }, 'name'],
  ] as [Partial<WorkerPoolInput>, string][])('%j → %s', (bad, field) => {
    const messages = validateWorkerPool({ ...pool, ...bad }).map(
      e => e.message,
    );
    expect(messages.some(m => m.startsWith(field))).toBe(true);
  });

  it('accepts a good pool', () => {
    expect(validateWorkerPool(pool)).toEqual([]);
  });

  it('reports bad batch rows by row number and field, keeping the good ones', () => {
    const csv = [
      'name,bmcAddress,username,bootMACAddress',
      'a,redfish://10.0.0.1/redfish/v1/Systems/1,admin,52:54:00:00:00:01',
      'b,foo://10.0.0.2,admin,52:54:00:00:00:02',
      'c,ipmi://10.0.0.3,admin,zz:54:00:00:00:03',
      'a,ipmi://10.0.0.4,admin,52:54:00:00:00:04',
      'e,ipmi://10.0.0.5,,52:54:00:00:00:01',
      '"f",ipmi://10.0.0.6,"ad,min",52:54:00:00:00:06',
    ].join('\n');
    const { good, problems } = validateHostRows(
      parseHostRows(csv, 'csv'),
      'metal3',
      n => `${n}-s`,
    );
    expect(good.map(g => g.host.name)).toEqual(['a', 'f']);
    expect(good[1].host.username).toBe('ad,min');
    expect(problems.map(p => [p.row, p.field])).toEqual([
      [2, 'bmcAddress'],
      [3, 'bootMACAddress'],
      [4, 'name'],
      [5, 'username'],
      [5, 'bootMACAddress'],
    ]);
    expect(problems[0].message).toMatch(
      /^row 2: bmcAddress: Unknown BMC type 'foo'/,
    );
  });

  it('parses YAML rows and refuses what is not a list', () => {
    const rows = parseHostRows(
      '- {name: a, bmcAddress: "ipmi://10.0.0.1", username: u, bootMACAddress: "52:54:00:00:00:01", labels: {pool: x}}',
      'yaml',
    );
    expect(rows.rows[0].host.labels).toEqual({ pool: 'x' });
    expect(parseHostRows('name: a', 'yaml').problems[0].message).toMatch(
      /^hosts:/,
    );
  });

  it('upgrade needs an image or a version, and names the next template', () => {
    expect(validateUpgrade({}).map(e => e.field)).toEqual(['image']);
    expect(nextTemplateName('workers-v1', n => n === 'workers-v2')).toBe(
      'workers-v3',
    );
    expect(nextTemplateName('workers', () => false)).toBe('workers-v2');
  });
});
