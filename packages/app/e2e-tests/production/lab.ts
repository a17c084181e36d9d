import {
  clustersOfKubeconfig,
  parseUnenrolledLines,
} from '@metal3-fleet/metal3-lab';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, RunningProcess, startProcess } from './processes';

export interface LabCluster {
  name: string;
  url: string;
  caPem: string;
  /** The lab's own admin token. */
  token: string;
}

export interface RunningLabProcess {
  process: RunningProcess;
  kubeconfig: string;
  clusters: LabCluster[];
  unenrolled: { address: string; username: string; bootMACAddress: string }[];
}

/**
 * Starts the lab in a child process, as `yarn lab` (its CLI, free ports, a
 * state folder of its own, three racked-but-unenrolled servers for the
 * enrollment template): the management cluster the production backend
 * reaches over HTTPS like a real one (a URL, a token, a CA). The unenrolled
 * servers' BMCs sit at fixed addresses (127.100.250.N:8443), so one such lab
 * per machine: callers hold /tmp/portal-e2e.lock.
 */
export async function startLabProcess(): Promise<RunningLabProcess> {
  const stateDir = mkdtempSync(join(tmpdir(), 'production-e2e-lab-'));
  const { process, ready } = startProcess(
    'lab',
    global.process.execPath,
    [
      join(REPO_ROOT, 'packages/metal3-lab/bin/metal3-lab'),
      '--port',
      '0',
      '--state-dir',
      stateDir,
      '--unenrolled-servers',
      '3',
    ],
    {
      cwd: REPO_ROOT,
      // Not the test runner's NODE_OPTIONS (loaders, VM modules).
      env: { ...global.process.env, NODE_OPTIONS: '' },
      readyWhen: /Ctrl-C stops the lab\./,
      timeoutMs: 120_000,
    },
  );
  await ready;
  const kubeconfig = join(stateDir, 'kubeconfig');
  return {
    process,
    kubeconfig,
    clusters: clustersOfKubeconfig(readFileSync(kubeconfig, 'utf8')),
    unenrolled: parseUnenrolledLines(process.output()),
  };
}
