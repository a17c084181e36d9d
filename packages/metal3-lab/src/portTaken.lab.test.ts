import { createServer, Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab } from './startLab';
import { LabPortTakenError } from './portTaken';
import { eventually } from './testing/eventually';

/** A port held by another process, as kind or a second `yarn lab` would. */
async function holdPort(port = 0): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>(resolve =>
    server.listen(port, '127.0.0.1', () => resolve()),
  );
  return { server, port: (server.address() as { port: number }).port };
}

const listening = () =>
  process.getActiveResourcesInfo().filter(r => r === 'TCPServerWrap').length;

describe('startLab on a taken port', () => {
  it.each([
    ['its first API server (kube-dc-mgmt)', 0],
    ['its second API server (edge-lab), after the first started', 1],
  ])(
    'rejects fast naming the port of %s, and leaves nothing listening',
    async (_, offset) => {
      const idle = listening();
      // Two free neighbouring ports: hold one, let the lab try both.
      const probe = await holdPort();
      const base = probe.port;
      await new Promise(r => probe.server.close(r));
      const held = await holdPort(base + offset);
      const started = Date.now();
      try {
        const attempt = startLab({
          stateDir: mkdtempSync(join(tmpdir(), 'lab-taken-')),
          basePort: base,
        });
        await expect(attempt).rejects.toThrow(LabPortTakenError);
        await expect(attempt).rejects.toMatchObject({
          port: base + offset,
          configKey: 'metal3.lab.port',
          message: expect.stringContaining(`port ${base + offset}`),
        });
        // Fails fast rather than hanging (about a second on a quiet machine;
        // the bound leaves room for a busy CI machine).
        expect(Date.now() - started).toBeLessThan(30_000);
        // Every emulated BMC and the API server that had started are closed
        // (their handles go a tick after their close callbacks; handles of
        // the previous case may still be going when `idle` is read).
        await eventually(() => listening() <= idle + 1, { timeoutMs: 2000 });
      } finally {
        await new Promise(r => held.server.close(r));
      }
    },
  );
});
