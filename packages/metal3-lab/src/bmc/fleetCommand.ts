/* eslint-disable no-console */
import { createInterface } from 'node:readline';
import { createBmcFleet } from './createBmcFleet';
import { identityFromHostId } from './identityFromHostId';
import { loadMockup } from './mockupTree';

export const BMC_FLEET_USAGE = `yarn lab bmc-fleet --count N [--latency MIN-MAX] [--hang-every K] [--password P] [--mockup TREE]

Starts only emulated Redfish BMCs (no cluster), for benchmarks that must not
share a process with them: N BMCs on 127.100.x.y:8443, every answer delayed
MIN-MAX ms (spread evenly), every K-th BMC hung. Prints one JSON line
{"addresses": [...]} when ready; answers "sessions" on stdin with
"sessions <open Redfish sessions>".`;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function runBmcFleet(argv: string[]): Promise<void> {
  const count = Number(option(argv, 'count'));
  if (!Number.isInteger(count) || count < 1 || count > 60_000) {
    console.error(
      `--count: a number of BMCs from 1 to 60000\n\n${BMC_FLEET_USAGE}`,
    );
    process.exit(2);
  }
  const [min, max] = (option(argv, 'latency') ?? '0-0').split('-').map(Number);
  const hangEvery = Number(option(argv, 'hang-every') ?? 0);
  const password = option(argv, 'password') ?? 'lab-bmc-password';
  const mockup = option(argv, 'mockup') ?? 'dmtf-public-rackmount1';
  const ipOf = (i: number) =>
    `127.100.${10 + Math.floor(i / 250)}.${1 + (i % 250)}`;
  const ips = Array.from({ length: count }, (_, i) => ipOf(i));
  const fleet = createBmcFleet({ ips });
  const tree = loadMockup(mockup);
  const addresses: string[] = [];
  for (let i = 0; i < count; i++) {
    const hostId = `bmc-fleet:${i}`;
    const bmc = await fleet.addHost({
      hostId,
      mockup,
      ip: ips[i],
      port: 8443,
      username: 'admin',
      password,
      // MACs for every NIC of the tree, serial and UUID, stable per id.
      identity: identityFromHostId(hostId, tree),
    });
    // An even, deterministic spread over MIN-MAX.
    if (max > 0) fleet.setLatency(hostId, min + ((i * 7919) % (max - min + 1)));
    if (hangEvery > 0 && i % hangEvery === hangEvery - 1) {
      fleet.setFault(hostId, 'hang');
    }
    addresses.push(bmc.address);
  }
  console.log(JSON.stringify({ addresses }));
  createInterface({ input: process.stdin }).on('line', line => {
    if (line.trim() === 'sessions')
      console.log(`sessions ${fleet.openSessions()}`);
  });
  const stop = async () => {
    await fleet.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
