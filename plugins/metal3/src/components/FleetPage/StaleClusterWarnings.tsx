import { WarningPanel } from '@backstage/core-components';
import {
  ClusterDto,
  formatDuration,
  HostListResponse,
} from '@metal3-fleet/plugin-metal3-common';

const age = (since: string) =>
  formatDuration((Date.now() - Date.parse(since)) / 1000);

/**
 * One warning per cluster that is down. Its hosts stay listed from the last
 * good read; the warning says how old that read is.
 */
export const StaleClusterWarnings = ({
  clusters = [],
  stale = [],
}: {
  clusters?: ClusterDto[];
  stale?: HostListResponse['staleClusters'];
}) => {
  const byName = new Map<
    string,
    { title: string; staleSince?: string; lastError?: string; synced: boolean }
  >();
  for (const c of clusters.filter(cl => !cl.connected)) {
    byName.set(c.name, { ...c });
  }
  // The host list may know of a cluster going down before the cluster list.
  for (const s of stale) {
    const known = byName.get(s.name);
    byName.set(s.name, {
      title: known?.title ?? s.name,
      synced: true,
      staleSince: s.staleSince,
      lastError: s.lastError ?? known?.lastError,
    });
  }
  return (
    <>
      {[...byName.entries()].map(([name, c]) => (
        <WarningPanel
          key={name}
          severity={c.synced ? 'warning' : 'error'}
          title={
            c.staleSince
              ? `Cluster ${c.title} is unreachable: showing data from ${age(
                  c.staleSince,
                )} ago`
              : `Cluster ${c.title} is not connected`
          }
          message={c.lastError}
        />
      ))}
    </>
  );
};
