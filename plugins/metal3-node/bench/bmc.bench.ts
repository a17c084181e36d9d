/* eslint-disable no-console */
/**
 * BMC fan-out benchmark (issue #5): 1,000 emulated Redfish BMCs (the lab's
 * emulators, each on its own 127.100.x.y HTTPS address), every answer
 * delayed 50–500 ms, 2 % of them hung. Prints:
 *  - a power/health pass: p50/p95 of per-host completion from the pass's
 *    start (target p95 ≤ 8 s), hung hosts excluded from the percentiles;
 *  - a full telemetry pass (power, sensors, logs, firmware) until every
 *    host, hung ones included, has an answer (target ≤ 25 s);
 *  - Redfish sessions still open on the emulators at the end (target 0).
 *
 *   yarn workspace @metal3-fleet/plugin-metal3-node bench:bmc   (BMCS=1000)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { createBmcReader } from '../src/bmc/createBmcReader';
import { BmcTelemetryService } from '../src/bmc/service/BmcTelemetryService';
import { createSsrfGuard } from '../src/bmc/ssrf';
import { InMemoryClusterService } from '../src/testUtils';

const BMCS = Number(process.env.BMCS ?? 1000);
const HUNG_EVERY = 50; // 2 %
const USER = 'admin';
const PASSWORD = 'bench-bmc-password';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/**
 * The emulators run in their own process (`yarn lab bmc-fleet`): in a fleet
 * BMCs are other machines, and sharing this process's CPU with 1,000 TLS
 * servers would measure the emulators, not the client.
 */
async function startFleet(): Promise<{
  child: ChildProcess;
  addresses: string[];
  openSessions: () => Promise<number>;
}> {
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '../../../packages/metal3-lab/bin/metal3-lab'),
      'bmc-fleet',
      '--count',
      String(BMCS),
      '--latency',
      '50-500',
      '--hang-every',
      String(HUNG_EVERY),
      '--password',
      PASSWORD,
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', code =>
        reject(new Error(`bmc-fleet exited (${code})`)),
      );
    });
  const { addresses } = JSON.parse(await next());
  return {
    child,
    addresses,
    openSessions: async () => {
      const answer = next();
      child.stdin!.write('sessions\n');
      return Number((await answer).split(' ')[1]);
    },
  };
}

function fleetOfHosts(addresses: string[]) {
  const clusters = new InMemoryClusterService(['bench']);
  addresses.forEach((address, i) =>
    clusters.put('bench', 'baremetalhosts', {
      metadata: { name: `bmc-${i}`, namespace: 'bench', resourceVersion: '1' },
      spec: {
        bmc: {
          address,
          credentialsName: `bmc-${i}-secret`,
          disableCertificateVerification: true,
        },
      },
    }),
  );
  return clusters;
}

async function pass(
  service: BmcTelemetryService,
  depth: 'system' | 'all',
): Promise<{ totalMs: number; healthy: number[]; hung: number }> {
  const started = performance.now();
  const healthy: number[] = [];
  let hung = 0;
  await Promise.all(
    Array.from({ length: BMCS }, async (_, i) => {
      const reading = await service.read(
        { cluster: 'bench', namespace: 'bench', name: `bmc-${i}` },
        { depth, refresh: true },
      );
      const ms = performance.now() - started;
      if (reading.system) healthy.push(ms);
      else hung++;
    }),
  );
  healthy.sort((a, b) => a - b);
  return { totalMs: performance.now() - started, healthy, hung };
}

// A benchmark, not a test: it prints figures and asserts nothing.
// eslint-disable-next-line jest/expect-expect
it(`prints the BMC fan-out figures for ${BMCS} BMCs`, async () => {
  const { child, addresses, openSessions } = await startFleet();
  try {
    const guard = createSsrfGuard({ allow: ['loopback'] });
    const service = new BmcTelemetryService({
      clusters: fleetOfHosts(addresses),
      readCredentials: async () => ({ username: USER, password: PASSWORD }),
      openReader: (target, { signal }) =>
        createBmcReader(target, { guard, signal }),
    });
    const power = await pass(service, 'system');
    const full = await pass(service, 'all');
    // Logouts of the last readers may still be on the wire.
    await new Promise(r => setTimeout(r, 1_000));
    console.log(
      [
        '',
        `BMC fan-out, ${BMCS} emulated Redfish BMCs, 50–500 ms per answer, ${Math.round(
          100 / HUNG_EVERY,
        )} % hung:`,
        `  power/health pass: p50 ${(
          percentile(power.healthy, 0.5) / 1000
        ).toFixed(2)} s, p95 ${(percentile(power.healthy, 0.95) / 1000).toFixed(
          2,
        )} s (target ≤ 8 s), all answered in ${(power.totalMs / 1000).toFixed(
          1,
        )} s, ${power.hung} timed out`,
        `  full telemetry pass: ${(full.totalMs / 1000).toFixed(
          1,
        )} s (target ≤ 25 s), p95 of healthy hosts ${(
          percentile(full.healthy, 0.95) / 1000
        ).toFixed(2)} s, ${full.hung} timed out`,
        `  Redfish sessions open at the end: ${await openSessions()} (target 0)`,
      ].join('\n'),
    );
  } finally {
    child.kill();
  }
});
