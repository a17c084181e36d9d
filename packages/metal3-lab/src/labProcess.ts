import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, UnenrolledServer } from './startLab';
import { parseUnenrolledLines } from './unenrolledLine';

/** A lab running in a child process (`yarn lab`), as a real cluster would. */
export interface LabProcess {
  /** Kubeconfig of the lab's clusters (contexts `kube-dc-mgmt` and `edge-lab`). */
  kubeconfig: string;
  /** The racked servers it emulates without a BareMetalHost (`unenrolledServers`). */
  unenrolled: UnenrolledServer[];
  child: ChildProcess;
  /** Stops the lab and waits for its process to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `yarn lab` in its own process with `hosts` extra hosts on free
 * ports, and resolves once it serves. `unenrolledServers` racks servers at
 * the fixed BMC addresses (one such lab per machine).
 *
 * Benchmarks use it so that the simulator's work and memory are not counted
 * as the measured backend's: in one process the lab's 10,000 hosts share the
 * backend's heap, garbage collector and event loop. `speed` defaults to a
 * standstill (controllers that barely move), which benchmarks want.
 */
export async function startLabProcess({
  hosts = 0,
  speed = 0.0001,
  unenrolledServers = 0,
}: {
  hosts?: number;
  speed?: number;
  unenrolledServers?: number;
}): Promise<LabProcess> {
  const stateDir = mkdtempSync(join(tmpdir(), 'lab-process-'));
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'packages/metal3-lab/bin/metal3-lab'),
      '--hosts',
      String(hosts),
      '--speed',
      String(speed),
      '--port',
      '0',
      '--state-dir',
      stateDir,
      '--unenrolled-servers',
      String(unenrolledServers),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // The caller's NODE_OPTIONS are Jest's (VM modules, profilers): not the lab's.
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  let out = '';
  await new Promise<void>((started, failed) => {
    // The last line of what `yarn lab` prints once it serves.
    child.stdout!.on('data', chunk => {
      out += chunk;
      if (out.includes('Ctrl-C stops the lab.')) started();
    });
    child.once('exit', code =>
      failed(new Error(`the lab exited (${code}) before it served: ${out}`)),
    );
  });
  return {
    kubeconfig: join(stateDir, 'kubeconfig'),
    unenrolled: parseUnenrolledLines(out),
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
