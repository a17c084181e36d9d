import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningLab, startLab } from '../startLab';
import { ipmiSimAvailable } from './ipmiSim';

const run = promisify(execFile);
const BMH = { group: 'metal3.io', resource: 'baremetalhosts' };
const haveTools =
  ipmiSimAvailable() &&
  ['/usr/bin/ipmitool'].some(p => require('node:fs').existsSync(p));
if (!haveTools) {
  // eslint-disable-next-line no-console
  console.warn(
    'ipmi_sim or ipmitool missing (Debian openipmi, ipmitool): the IPMI lab test is skipped',
  );
}

(haveTools ? describe : describe.skip)('IPMI hosts backed by ipmi_sim', () => {
  let lab: RunningLab;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    lab = await startLab({
      stateDir: mkdtempSync(join(tmpdir(), 'lab-ipmi-')),
      speed: 600,
      ipmiSim: true,
    });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  const ipmitool = async (
    address: string,
    password: string,
    ...command: string[]
  ) => {
    const [host, port] = address.replace('ipmi://', '').split(':');
    const { stdout } = await run('ipmitool', [
      '-I',
      'lanplus',
      '-H',
      host,
      '-p',
      port,
      '-U',
      'admin',
      '-P',
      password,
      '-C',
      '3',
      '-N',
      '1',
      '-R',
      '2',
      ...command,
    ]);
    return stdout;
  };

  it('answers ipmitool at the BMH address with the lab password and follows spec.online', async () => {
    const store = lab.clusters[0].store;
    // storage-0: an externally provisioned Supermicro with an IPMI BMC.
    const host = store.get(BMH, 'metal3', 'storage-0')!;
    expect(host).toBeDefined();
    await new Promise(r => setTimeout(r, 500)); // ipmi_sim binds its port
    expect(
      await ipmitool(
        host.spec.bmc.address,
        'lab-bmc-password',
        'chassis',
        'power',
        'status',
      ),
    ).toContain('Chassis Power is on');
    await expect(
      ipmitool(host.spec.bmc.address, 'wrong', 'chassis', 'power', 'status'),
    ).rejects.toThrow(/Unable to establish IPMI v2/);
    store.update(BMH, { ...host, spec: { ...host.spec, online: false } });
    const end = Date.now() + 15_000;
    let status = '';
    while (!status.includes('off') && Date.now() < end) {
      await new Promise(r => setTimeout(r, 200));
      status = await ipmitool(
        host.spec.bmc.address,
        'lab-bmc-password',
        'chassis',
        'power',
        'status',
      );
    }
    expect(status).toContain('Chassis Power is off');
  });

  it('learns about a power change made through ipmitool (Ironic then syncs power back)', async () => {
    const store = lab.clusters[0].store;
    const host = store.get(BMH, 'metal3', 'storage-1')!;
    expect(host.spec.bmc.address).toMatch(/^ipmi:\/\//);
    const powered: boolean[] = [];
    const unsubscribe = store.subscribe(event => {
      if (
        event.object.metadata.name === host.metadata.name &&
        event.key.resource === 'baremetalhosts'
      )
        powered.push(event.object.status?.poweredOn);
    });
    try {
      await ipmitool(
        host.spec.bmc.address,
        'lab-bmc-password',
        'chassis',
        'power',
        'off',
      );
      const end = Date.now() + 10_000;
      // Off as the BMC reported it, then on again: Ironic's power sync to spec.online.
      while (
        !(powered.includes(false) && powered[powered.length - 1] === true) &&
        Date.now() < end
      ) {
        await new Promise(r => setTimeout(r, 100));
      }
    } finally {
      unsubscribe();
    }
    expect(powered).toContain(false);
    expect(powered[powered.length - 1]).toBe(true);
    expect(
      await ipmitool(
        host.spec.bmc.address,
        'lab-bmc-password',
        'chassis',
        'power',
        'status',
      ),
    ).toContain('Chassis Power is on');
  });
});
