import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** A replica of the metal3 backend in its own process. */
export interface ReplicaProcess {
  url: string;
  child: ChildProcess;
  /** What it printed (its log), for failure messages. */
  output(): string;
  /** SIGKILL, as the kubelet does after a failed liveness probe or an OOM: no shutdown hooks run. */
  kill(): Promise<void>;
}

/**
 * Starts replicaMain.ts with Backstage's Node transform (what
 * `backstage-cli package start` runs backends with), and resolves once it
 * serves. The configuration travels in the environment, not on the command
 * line (it holds the database password).
 */
export async function startReplicaProcess(
  config: object,
  timeoutMs = 120_000,
): Promise<ReplicaProcess> {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      join(__dirname, 'replicaMain.ts'),
    ],
    {
      // stdin stays open while the test runs: the replica exits when it ends.
      stdio: ['pipe', 'pipe', 'pipe'],
      // Jest's NODE_OPTIONS (VM modules) are not the replica's.
      env: {
        ...process.env,
        NODE_OPTIONS: '--no-node-snapshot',
        REPLICA_CONFIG: JSON.stringify(config),
      },
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => {
    output += chunk;
  });
  child.stderr!.on('data', chunk => {
    output += chunk;
  });
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the replica did not serve in time: ${output}`));
    }, timeoutMs);
    child.stdout!.on('data', () => {
      const match = /REPLICA_LISTENING (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(
        new Error(`the replica exited (${code}) before serving: ${output}`),
      );
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
