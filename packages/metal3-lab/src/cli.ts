/* eslint-disable no-console */
import { join, resolve } from 'node:path';
import { BMC_FLEET_USAGE, runBmcFleet } from './bmc/fleetCommand';
import { FAULT_USAGE, parseFaultArgs, sendFaults } from './faults/faultCommand';
import {
  parseRotateTokenArgs,
  ROTATE_TOKEN_USAGE,
  rotateToken,
} from './admin/tokenCommand';
import { REPO_ROOT, startLab } from './startLab';
import { LabPortTakenError } from './portTaken';
import { unenrolledLine } from './unenrolledLine';

const USAGE = `Usage: yarn lab [--port P] [--kubeconfig FILE] [--hosts N] [--speed X] [--ipmi-sim] [--unenrolled-servers N] [--state-dir DIR]

Starts the Metal3 lab alone: a simulated management cluster (kube-dc-mgmt, on
port P) and a small second cluster (edge-lab, on port P+1), seeded with the
Kube-DC fleet. --ipmi-sim backs the IPMI hosts with real ipmi_sim processes
(Debian openipmi). --unenrolled-servers N racks N servers with a BMC and no
BareMetalHost, to enroll (fixed addresses 127.100.250.N:8443: one such lab per
machine). --state-dir keeps the kubeconfig, CA and tokens elsewhere than
.lab/ (benchmarks use it). Then: kubectl --kubeconfig FILE get bmh -A

${FAULT_USAGE}

${ROTATE_TOKEN_USAGE}

${BMC_FLEET_USAGE}`;

/**
 * A path the user typed, resolved against the folder they ran `yarn lab`
 * from (yarn runs the script in the package folder and keeps that in INIT_CWD).
 */
function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function parse(argv: string[]) {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg === '--ipmi-sim') {
      options['ipmi-sim'] = 'true';
      continue;
    }
    if (!arg.startsWith('--') || argv[i + 1] === undefined) {
      console.error(`Unknown argument "${arg}"\n\n${USAGE}`);
      process.exit(2);
    }
    options[arg.slice(2)] = argv[++i];
  }
  const number = (name: string) => {
    if (options[name] === undefined) return undefined;
    const value = Number(options[name]);
    if (!Number.isFinite(value) || value < 0) {
      console.error(
        `--${name}: "${options[name]}" is not a non-negative number`,
      );
      process.exit(2);
    }
    return value;
  };
  return {
    basePort: number('port') ?? 6443,
    hosts: number('hosts'),
    unenrolledServers: number('unenrolled-servers'),
    speed: number('speed'),
    kubeconfig: options.kubeconfig && userPath(options.kubeconfig),
    stateDir: options['state-dir'] && userPath(options['state-dir']),
    ipmiSim: options['ipmi-sim'] === 'true',
  };
}

async function fault(argv: string[]) {
  const { cluster, kubeconfig, request } = parseFaultArgs(argv);
  const path = kubeconfig
    ? userPath(kubeconfig)
    : join(REPO_ROOT, '.lab', 'kubeconfig');
  const inForce = await sendFaults(path, cluster, request);
  console.log(`${cluster}: ${JSON.stringify(inForce)}`);
}

async function rotate(argv: string[]) {
  const { cluster, kubeconfig } = parseRotateTokenArgs(argv);
  const path = kubeconfig
    ? userPath(kubeconfig)
    : join(REPO_ROOT, '.lab', 'kubeconfig');
  for (const line of await rotateToken(path, cluster)) console.log(line);
}

async function main() {
  if (process.argv[2] === 'rotate-token') {
    await rotate(process.argv.slice(3));
    return;
  }
  if (process.argv[2] === 'fault') {
    await fault(process.argv.slice(3));
    return;
  }
  if (process.argv[2] === 'bmc-fleet') {
    await runBmcFleet(process.argv.slice(3));
    return;
  }
  const options = parse(process.argv.slice(2));
  const started = Date.now();
  const lab = await startLab({
    basePort: options.basePort,
    hosts: options.hosts,
    speed: options.speed,
    ipmiSim: options.ipmiSim,
    unenrolledServers: options.unenrolledServers,
    ...(options.kubeconfig && { kubeconfigCopies: [options.kubeconfig] }),
    ...(options.stateDir && { stateDir: options.stateDir }),
  });
  const kubeconfig = options.kubeconfig ?? lab.kubeconfigPath;
  console.log(`Lab started in ${Date.now() - started} ms`);
  for (const cluster of lab.clusters)
    console.log(`  ${cluster.name}: ${cluster.url}`);
  for (const server of lab.unenrolled)
    console.log(`  ${unenrolledLine(server)}`);
  console.log(
    `\n  kubectl --kubeconfig ${kubeconfig} get bmh -A\n\nCtrl-C stops the lab.`,
  );
  const stop = async () => {
    await lab.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(
    error instanceof LabPortTakenError && error.configKey === 'metal3.lab.port'
      ? `${error.message}. Stop that process (another \`yarn lab\`, kind, k3d, Docker Desktop's Kubernetes) or choose other ports: yarn lab --port P (the lab takes P and P+1).`
      : error.message,
  );
  process.exit(1);
});
