/* eslint-disable no-console */
/*
 * The lab as the production test's management cluster, in its own process
 * (run with `node -r sucrase/register labMain.ts <stateDir>`): API servers on
 * free ports, and the three racked-but-unenrolled servers the enrollment
 * template needs (`yarn lab` has no flag for them yet). Prints one line,
 * `LAB_READY {json}`, once it serves; SIGTERM stops it.
 */
import { startLab } from '@metal3-fleet/metal3-lab';

async function main() {
  const stateDir = process.argv[2];
  if (!stateDir) throw new Error('usage: labMain.ts STATE_DIR');
  const lab = await startLab({ basePort: 0, stateDir, unenrolledServers: 3 });
  const ready = {
    kubeconfig: lab.kubeconfigPath,
    clusters: lab.clusters.map(c => ({
      name: c.name,
      url: c.url,
      caPem: c.caPem,
      token: c.token,
    })),
    unenrolled: lab.unenrolled,
  };
  console.log(`LAB_READY ${JSON.stringify(ready)}`);
  const stop = async () => {
    await lab.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
