import { createConnection } from 'node:net';
import {
  REPO_ROOT,
  RunningProcess,
  startProcess,
} from '../production/processes';

/** The development portal's fixed addresses (app-config.yaml). */
export const FRONTEND = 'http://localhost:3000';
export const BACKEND = 'http://localhost:7007';

export interface DevPortal {
  /** Everything the portal printed so far (its audit records among it). */
  output(): string;
  stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise(done => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function waitForOk(
  url: string,
  deadline: number,
  portal: RunningProcess,
) {
  for (;;) {
    if (portal.child.exitCode !== null) {
      throw new Error(
        `The portal exited before ${url} answered:\n${portal
          .output()
          .slice(-3000)}`,
      );
    }
    const ok = await fetch(url).then(
      r => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer 200 in time`);
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}

/**
 * `yarn start` (scripts/start-dev.mjs) with `extraConfig` merged last: the
 * development portal on the embedded lab, in its own process group so that
 * stopping it stops the frontend and backend it starts. Fails at once when
 * ports 3000 or 7007 are taken (run browser tests under the machine's lock).
 */
export async function startDevPortal(extraConfig: string): Promise<DevPortal> {
  for (const port of [3000, 7007]) {
    if (await listening(port)) {
      throw new Error(
        `Port ${port} is taken: another portal runs (app.baseUrl / backend.listen.port); run browser tests under flock /tmp/portal-e2e.lock`,
      );
    }
  }
  const { process: portal, ready } = startProcess(
    'approvals-portal',
    'node',
    ['scripts/start-dev.mjs', '--config', extraConfig],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, BROWSER: 'none' },
      detached: true,
      readyWhen: /Listening on :7007/,
      timeoutMs: 10 * 60_000,
    },
  );
  const stop = async () => {
    const pid = portal.child.pid;
    if (pid && portal.child.exitCode === null) {
      // The whole group: yarn, backstage-cli, the backend and webpack.
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // gone already
      }
    }
    await portal.stop(20_000);
    if (pid) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // every process of the group has exited
      }
    }
  };
  try {
    await ready;
    const deadline = Date.now() + 10 * 60_000;
    await waitForOk(
      `${BACKEND}/.backstage/health/v1/readiness`,
      deadline,
      portal,
    );
    await waitForOk(FRONTEND, deadline, portal);
  } catch (error) {
    await stop();
    throw error;
  }
  return { output: () => portal.output(), stop };
}
