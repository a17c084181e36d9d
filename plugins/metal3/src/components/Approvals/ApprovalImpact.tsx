import { StructuredMetadataTable } from '@backstage/core-components';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ApprovalImpactDto } from '@metal3-fleet/plugin-metal3-common';
import { WHY_LABELS } from './approvalWords';

/**
 * What an approval would do, as computed when it was requested: the pods
 * its node loses, the machines a scale-down may delete, an upgrade's
 * change, and what makes the prediction uncertain.
 */
export const ApprovalImpact = ({ impact }: { impact: ApprovalImpactDto }) => (
  <Box>
    <Typography variant="subtitle2" gutterBottom>
      Impact
    </Typography>
    <Typography paragraph>{impact.summary}</Typography>
    {impact.warnings.map(warning => (
      <Box key={warning} mb={1}>
        <Alert severity="warning">{warning}</Alert>
      </Box>
    ))}
    {impact.pods && impact.pods.length > 0 && (
      <Table size="small" aria-label="pods affected">
        <TableHead>
          <TableRow>
            <TableCell>
              Pod on node {impact.node}
              {impact.podCount !== undefined &&
                impact.podCount > impact.pods.length &&
                ` (${impact.pods.length} of ${impact.podCount} listed)`}
            </TableCell>
            <TableCell>Controller</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {impact.pods.map(pod => (
            <TableRow key={`${pod.namespace}/${pod.name}`}>
              <TableCell>
                {pod.namespace}/{pod.name}
              </TableCell>
              <TableCell>{pod.owner ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
    {impact.machines && impact.machines.length > 0 && (
      <Table size="small" aria-label="machines Cluster API deletes first">
        <TableHead>
          <TableRow>
            <TableCell>Machine</TableCell>
            <TableCell>Host</TableCell>
            <TableCell>Node</TableCell>
            <TableCell>Why first</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {impact.machines.map(machine => (
            <TableRow key={machine.name}>
              <TableCell>{machine.name}</TableCell>
              <TableCell>{machine.host ?? '—'}</TableCell>
              <TableCell>{machine.node ?? '—'}</TableCell>
              <TableCell>{WHY_LABELS[machine.why]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
    {impact.rollout && (
      <StructuredMetadataTable
        metadata={{
          template: `${impact.rollout.fromTemplate} → ${
            impact.rollout.toTemplate ?? 'the next -vN'
          }`,
          image: `${impact.rollout.fromImage ?? '—'} → ${
            impact.rollout.toImage ?? '—'
          }`,
          'Kubernetes version': `${impact.rollout.fromVersion ?? '—'} → ${
            impact.rollout.toVersion ?? '—'
          }`,
          'machines replaced': impact.rollout.machines,
          'max surge / unavailable': `${impact.rollout.maxSurge ?? '—'} / ${
            impact.rollout.maxUnavailable ?? '—'
          }`,
        }}
      />
    )}
  </Box>
);
