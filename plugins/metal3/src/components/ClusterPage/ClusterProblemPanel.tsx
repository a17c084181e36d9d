import { WarningPanel } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import {
  ClusterDto,
  ClusterProblemDto,
  formatDuration,
} from '@metal3-fleet/plugin-metal3-common';

const TITLES: Record<ClusterProblemDto['code'], string> = {
  unauthorized: 'Credentials refused (401)',
  forbidden: 'Access denied (403)',
  unreachable: 'Unreachable',
  tls: 'API server certificate not trusted',
  throttled: 'Throttled by the API server (429)',
  config: 'Cluster configuration cannot be used',
  'missing-crds': 'Resources not installed',
  failing: 'Cannot read the cluster',
};

/** "Credentials refused (401): showing data from 5m ago". */
function titleOf(cluster: ClusterDto): string {
  const what = cluster.problem ? TITLES[cluster.problem.code] : 'Unreachable';
  if (cluster.connected) return what;
  if (cluster.staleSince) {
    return `${what}: showing data from ${formatDuration(
      (Date.now() - Date.parse(cluster.staleSince)) / 1000,
    )} ago`;
  }
  return cluster.problem
    ? `${what}: no data yet`
    : 'Not connected: no data yet';
}

/**
 * What the backend says is wrong with a cluster and how to fix it (the
 * guided fix of its health), open by default: an operator who lands here
 * after a token rotation should read the fix without a click.
 */
export const ClusterProblemPanel = ({ cluster }: { cluster: ClusterDto }) => {
  if (cluster.connected && !cluster.problem) return null;
  // Connected with a problem (missing CRDs): information; stale data: a
  // warning; no data at all: an error.
  let severity: 'info' | 'warning' | 'error' = 'error';
  if (cluster.connected) severity = 'info';
  else if (cluster.synced) severity = 'warning';
  return (
    <WarningPanel
      severity={severity}
      title={titleOf(cluster)}
      message={cluster.problem?.message ?? cluster.lastError}
      defaultExpanded={Boolean(cluster.problem)}
    >
      {cluster.problem && (
        <Typography variant="body2" aria-label="how to fix">
          <strong>How to fix: </strong>
          {cluster.problem.fix}
        </Typography>
      )}
    </WarningPanel>
  );
};
