import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { HardwareSummaryDto } from '@metal3-fleet/plugin-metal3-common';
import { HostDetailDto } from '../../api';

const gb = (bytes?: number) => (bytes ? `${Math.round(bytes / 1e9)} GB` : '—');

/** NICs, disks, CPU, memory and firmware as inspection reported them. */
export const HardwareTabs = ({
  hardware,
  summary,
}: {
  hardware?: HostDetailDto['hardwareDetails'];
  summary?: HardwareSummaryDto;
}) => {
  if (!hardware) {
    return (
      <Typography>
        Not inspected yet: the hardware inventory appears after inspection.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <InfoCard title="System">
          <StructuredMetadataTable
            metadata={{
              vendor: summary?.manufacturer ?? '—',
              model: summary?.productName ?? '—',
              serial: summary?.serialNumber ?? '—',
              CPU: `${hardware.cpuCount ?? '?'} × ${
                hardware.cpuModel ?? 'unknown'
              } (${hardware.cpuArch ?? '?'}, ${hardware.cpuMhz ?? '?'} MHz)`,
              memory: hardware.ramMebibytes
                ? `${Math.round(hardware.ramMebibytes / 1024)} GiB`
                : '—',
              firmware:
                [hardware.biosVendor, hardware.biosVersion]
                  .filter(Boolean)
                  .join(' ') || '—',
            }}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          title={`Network interfaces (${hardware.nics.length})`}
          noPadding
        >
          <Table size="small" aria-label="network interfaces">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>MAC</TableCell>
                <TableCell>IP</TableCell>
                <TableCell>Speed</TableCell>
                <TableCell>PXE</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {hardware.nics.map(nic => (
                <TableRow key={nic.mac ?? nic.name}>
                  <TableCell>{nic.name}</TableCell>
                  <TableCell>{nic.mac}</TableCell>
                  <TableCell>{nic.ips.join(', ') || '—'}</TableCell>
                  <TableCell>
                    {nic.speedGbps ? `${nic.speedGbps} Gb/s` : '—'}
                  </TableCell>
                  <TableCell>{nic.pxe ? 'yes' : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
        <Grid item xs={12} style={{ marginTop: 16 }}>
          <InfoCard title={`Disks (${hardware.disks.length})`} noPadding>
            <Table size="small" aria-label="disks">
              <TableHead>
                <TableRow>
                  <TableCell>Device</TableCell>
                  <TableCell>Type</TableCell>
                  <TableCell>Size</TableCell>
                  <TableCell>Model</TableCell>
                  <TableCell>Serial</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {hardware.disks.map(disk => (
                  <TableRow key={disk.name}>
                    <TableCell>{disk.name}</TableCell>
                    <TableCell>
                      {disk.type ?? (disk.rotational ? 'HDD' : '—')}
                    </TableCell>
                    <TableCell>{gb(disk.sizeBytes)}</TableCell>
                    <TableCell>{disk.model ?? '—'}</TableCell>
                    <TableCell>{disk.serialNumber ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
      </Grid>
    </Grid>
  );
};
