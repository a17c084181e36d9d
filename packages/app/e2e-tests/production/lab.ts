import { mkdtempSync } from 'node:fs';
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
 * Starts the lab in a child process: the management cluster the production
 * backend reaches over HTTPS like a real one (a URL, a token, a CA). The
 * unenrolled servers' BMCs sit at fixed addresses (127.100.250.N:8443), so
 * one such lab per machine: callers hold /tmp/portal-e2e.lock.
 */
export async function startLabProcess(): Promise<RunningLabProcess> {
  const stateDir = mkdtempSync(join(tmpdir(), 'production-e2e-lab-'));
  const { process, ready } = startProcess(
    'lab',
    global.process.execPath,
    ['-r', 'sucrase/register', join(__dirname, 'labMain.ts'), stateDir],
    {
      cwd: REPO_ROOT,
      // Not the test runner's NODE_OPTIONS (loaders, VM modules).
      env: { ...global.process.env, NODE_OPTIONS: '' },
      readyWhen: /LAB_READY (\{.*\})\n/,
      timeoutMs: 120_000,
    },
  );
  const [, json] = await ready;
  return { process, ...JSON.parse(json) };
}
