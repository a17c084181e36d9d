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
  options: { chunkSize?: number } = {},
): Promise<CheckFinding[]> {
  const size = options.chunkSize ?? CHUNK;
  const findings: CheckFinding[] = [];
  const chunked = async <T>(
    items: readonly T[],
    run: (chunk: T[]) => CheckFinding[],
  ) => {
    for (let i = 0; i < items.length; i += size) {
      findings.push(...run(items.slice(i, i + size)));
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
