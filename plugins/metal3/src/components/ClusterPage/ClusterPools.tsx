import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { PoolSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { LinkOrText, useMetal3Links } from '../../links';

/** The worker pools of one cluster with their health and capacity. */
export const ClusterPools = ({ pools }: { pools: PoolSummaryDto[] }) => {
  const links = useMetal3Links();
  if (pools.length === 0) {
    return (
      <Typography variant="body2">This cluster has no worker pool.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="pools">
      <TableHead>
        <TableRow>
          <TableCell>Pool</TableCell>
          <TableCell>Health</TableCell>
          <TableCell>Ready / desired</TableCell>
          <TableCell>Free matching hosts</TableCell>
          <TableCell>Version</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {pools.map(p => (
          <TableRow key={`${p.namespace}/${p.name}`}>
            <TableCell>
              <LinkOrText to={links.pool(p)}>{p.name}</LinkOrText>
            </TableCell>
            <TableCell>{p.health.label}</TableCell>
            <TableCell>
              {p.readyReplicas} / {p.desiredReplicas}
            </TableCell>
            <TableCell>{p.freeMatchingHosts}</TableCell>
            <TableCell>{p.version ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
