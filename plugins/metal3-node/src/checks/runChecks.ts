import {
  CheckFinding,
  checkDrift,
  checkHostPractices,
  checkHostRemediations,
  checkImages,
  checkNetwork,
  checkNodeReuse,
  checkNodeRoles,
  checkRemediation,
  checkStack,
  checkWorkerJoin,
} from '@metal3-fleet/plugin-metal3-common';
import type { ClusterCheckInputs } from './clusterInputs';

/**
 * The checks that give one finding per host (or per Machine of a host):
 * what a cluster evaluation can hand to a sink instead of keeping, and
 * what a host page computes for its one host.
 */
export const PER_HOST_CHECKS: ReadonlySet<CheckFinding['check']> = new Set([
  'node.worker-labels',
  'network.trunk-nic-covered',
  'remediation.host-remediation',
  'practice.root-device-hints',
  'practice.automated-cleaning',
  'practice.certificate-verification',
  'practice.redfish-over-ipmi',
  'practice.bmc-credentials-age',
  'drift.bmc-inventory',
  'drift.catalog-entity',
  'practice.worker-joined',
] as const);

/** Hosts evaluated between two yields to the event loop. */
const CHUNK = 500;

const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * Runs every check on one cluster's inputs. The per-host families run in
 * chunks of hosts with a yield to the event loop between chunks, so a
 * 10,000-host evaluation never holds the loop for more than one chunk
 * (requests keep being answered meanwhile). The findings equal those of one
 * call per check on the whole input (runChecks.test.ts proves it).
 */
export async function runChecks(
  inputs: ClusterCheckInputs,
  options: {
    chunkSize?: number;
    /**
     * Receives the findings of the per-host checks chunk by chunk instead
     * of the result: a 10,000-host fleet has ten of them per host, too many
     * to keep; the caller keeps what it needs (fleet flags, pool problems).
     */
    onHostFindings?: (findings: CheckFinding[]) => void;
  } = {},
): Promise<CheckFinding[]> {
  const size = options.chunkSize ?? CHUNK;
  const findings: CheckFinding[] = [];
  const sink =
    options.onHostFindings ??
    ((chunk: CheckFinding[]) => findings.push(...chunk));
  const chunked = async <T>(
    items: readonly T[],
    run: (chunk: T[]) => CheckFinding[],
  ) => {
    for (let i = 0; i < items.length; i += size) {
      sink(run(items.slice(i, i + size)));
      await nextTurn();
    }
  };

  findings.push(...checkStack(inputs.stack));
  findings.push(...checkImages(inputs.images));
  await nextTurn();

  await networkFindings(inputs, findings, chunked);

  await chunked(inputs.nodeRoles.workers, workers =>
    checkNodeRoles({ ...inputs.nodeRoles, workers }),
  );
  findings.push(...checkRemediation({ ...inputs.remediation, hosts: [] }));
  await chunked(inputs.remediation.hosts, hosts =>
    checkHostRemediations({ ...inputs.remediation, hosts }),
  );
  await chunked(inputs.practices.hosts, hosts =>
    checkHostPractices({ ...inputs.practices, hosts }),
  );
  await chunked(inputs.drift.inventory ?? [], inventory =>
    checkDrift({ cluster: inputs.drift.cluster, inventory }),
  );
  await chunked(inputs.drift.entities ?? [], entities =>
    checkDrift({ cluster: inputs.drift.cluster, entities }),
  );
  findings.push(...checkNodeReuse(inputs.nodeReuse));
  await chunked(inputs.workerJoin.machines, machines =>
    checkWorkerJoin({ ...inputs.workerJoin, machines }),
  );
  return findings;
}

/**
 * The network checks: the trunk NIC of each worker in chunks; the
 * per-network findings (ready nodes, VLANs) once, with only the workers
 * they can name (those whose node a network does not report ready), which
 * gives the same findings as a call with every worker.
 */
async function networkFindings(
  inputs: ClusterCheckInputs,
  findings: CheckFinding[],
  chunked: (
    items: readonly any[],
    run: (chunk: any[]) => CheckFinding[],
  ) => Promise<void>,
) {
  const { network } = inputs;
  const perWorker = (f: CheckFinding) =>
    f.check === 'network.trunk-nic-covered';
  await chunked(network.workers, workers =>
    checkNetwork({ ...network, workers }).filter(perWorker),
  );
  const networks = Array.isArray(network.providerNetworks)
    ? network.providerNetworks
    : [];
  const readyEverywhere = (node: string) =>
    networks.every(n => n.status?.readyNodes?.includes(node));
  const named = network.workers.filter(
    w => w.nodeName && !readyEverywhere(w.nodeName),
  );
  findings.push(
    ...checkNetwork({ ...network, workers: named }).filter(f => !perWorker(f)),
  );
}
