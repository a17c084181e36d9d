import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unwatchFile,
  watchFile,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PowerState } from '../types';

/** The ipmi_sim set-up shipped with the lab (written for this project, see its README). */
// eslint-disable-next-line no-restricted-syntax
export const IPMI_SIM_DIR = resolve(__dirname, '../../ipmi-sim');

/** @public */
export function ipmiSimAvailable(): boolean {
  try {
    execFileSync('ipmi_sim', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // ipmi_sim prints its version and exits non-zero on some builds.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** @public */
export interface IpmiSimBmc {
  setPower(state: PowerState): void;
  getPower(): PowerState;
  stop(): void;
}

/**
 * A real IPMI BMC for one simulated host: OpenIPMI's `ipmi_sim` (Debian
 * `openipmi`) listening on the host's BMC address, with the lab's password
 * for `admin`. Power lives in the chassis-state file ipmi_sim's helper
 * script keeps: the lab writes it when Ironic would set power, and learns
 * from it when a client ran `ipmitool chassis power …`.
 *
 * @public
 */
export function startIpmiSim(options: {
  ip: string;
  port: number;
  password: string;
  power: PowerState;
  onPowerChange(state: PowerState): void;
}): IpmiSimBmc {
  const dir = mkdtempSync(join(tmpdir(), 'metal3-lab-ipmi-'));
  cpSync(IPMI_SIM_DIR, dir, { recursive: true });
  const lanConf = readFileSync(join(dir, 'lan.conf'), 'utf8')
    .replace(/addr 127\.0\.0\.1 6230/, `addr ${options.ip} ${options.port}`)
    .replace(/("admin"\s+)"password"/, `$1${JSON.stringify(options.password)}`);
  writeFileSync(join(dir, 'lan.conf'), lanConf);
  mkdirSync(join(dir, 'state'));
  mkdirSync(join(dir, 'chassis-state'));
  const powerFile = join(dir, 'chassis-state', 'power');
  const write = (state: PowerState) =>
    writeFileSync(powerFile, state === 'On' ? '1\n' : '0\n');
  const read = (): PowerState =>
    existsSync(powerFile) && readFileSync(powerFile, 'utf8').trim() === '0'
      ? 'Off'
      : 'On';
  write(options.power);
  let known = options.power;
  const child: ChildProcess = spawn(
    'ipmi_sim',
    ['-c', 'lan.conf', '-f', 'bmcsim.emu', '-s', './state', '-n'],
    { cwd: dir, stdio: 'ignore' },
  );
  watchFile(powerFile, { interval: 250 }, () => {
    const now = read();
    if (now !== known) {
      known = now;
      options.onPowerChange(now);
    }
  });
  return {
    setPower(state) {
      known = state;
      write(state);
    },
    getPower: read,
    stop() {
      unwatchFile(powerFile);
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
