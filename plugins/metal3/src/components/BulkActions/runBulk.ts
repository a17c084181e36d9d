import { HostSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { HostActionResult } from '../../api';
import { errorMessage } from '../../lib/errorMessage';

/** What one host's request came back with. */
export interface BulkOutcome {
  host: HostSummaryDto;
  state: 'changed' | 'unchanged' | 'started' | 'failed';
  message: string;
}

/**
 * Requests in flight at once: enough to finish a page of hosts quickly,
 * few enough not to flood the backend (each action is a Kubernetes write).
 */
export const BULK_CONCURRENCY = 4;

/** One host's answer in the bulk report's words. */
function outcomeOf(
  host: HostSummaryDto,
  result: HostActionResult,
): BulkOutcome {
  if ('operation' in result) {
    return {
      host,
      state: 'started',
      message: `operation ${result.operation.id} ${result.operation.state}`,
    };
  }
  if ('approval' in result) {
    return {
      host,
      state: 'started',
      message: `waits for approval by another person (${result.approval.id})`,
    };
  }
  return {
    host,
    state: result.changed ? 'changed' : 'unchanged',
    message: result.message,
  };
}

/**
 * Runs one action per host with bounded concurrency. A failure is recorded
 * for its host and never stops the others.
 */
export async function runBulk(
  hosts: HostSummaryDto[],
  run: (host: HostSummaryDto) => Promise<HostActionResult>,
  onProgress: (done: number) => void = () => {},
  concurrency = BULK_CONCURRENCY,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array(hosts.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < hosts.length) {
      const index = next++;
      const host = hosts[index];
      try {
        const result = await run(host);
        outcomes[index] = outcomeOf(host, result);
      } catch (error) {
        outcomes[index] = {
          host,
          state: 'failed',
          message: errorMessage(error),
        };
      }
      onProgress(++done);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, hosts.length) }, worker),
  );
  return outcomes;
}
