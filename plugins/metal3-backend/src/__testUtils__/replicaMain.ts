/*
 * One replica of the metal3 backend as its own process (see
 * replicaProcess.ts): the plugin on the configuration in REPLICA_CONFIG
 * (JSON), with the test utilities' mock sign-in. Prints
 * "REPLICA_LISTENING <port>" once it serves.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AddressInfo } from 'node:net';
import { metal3Plugin } from '../plugin';

// The test holds our stdin: when it ends (the test process died without
// stopping us), so do we, instead of serving on as an orphan.
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();

async function main() {
  const data = JSON.parse(process.env.REPLICA_CONFIG ?? '{}');
  const backend = await startTestBackend({
    features: [metal3Plugin, mockServices.rootConfig.factory({ data })],
  });
  const { port } = backend.server.address() as AddressInfo;
  process.stdout.write(`REPLICA_LISTENING ${port}\n`);
}

main().catch(error => {
  process.stderr.write(`replica failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
