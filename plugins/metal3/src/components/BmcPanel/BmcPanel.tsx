import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import {
  BmcTelemetryDto,
  formatDuration,
  ObjectRefDto,
} from '@metal3-fleet/plugin-metal3-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { metal3ApiRef } from '../../api';
import { BmcFirmwareTable } from './BmcFirmwareTable';
import { BmcHealthChip } from './BmcHealthChip';
import { BmcLogTable } from './BmcLogTable';
import { BmcSensorsTable } from './BmcSensorsTable';

/**
 * How often the open panel re-reads. The backend caches BMC reads, so this
 * mostly hits its cache; "Read now" goes to the BMC itself.
 */
export const BMC_REFRESH_MS = 30_000;

const PART_LABELS: Record<BmcTelemetryDto['errors'][number]['part'], string> = {
  system: 'system and power',
  sensors: 'sensors',
  logEntries: 'event log',
  firmware: 'firmware',
};

const readAge = (readAt: string) =>
  `${formatDuration(
    Math.max(0, (Date.now() - Date.parse(readAt)) / 1000),
  )} ago`;

/**
 * Live data from the host's BMC: power and health, sensors, the newest
 * event log entries and firmware. A part the BMC could not give is named
 * with its cause; the rest still shows.
 */
export const BmcPanel = ({ host }: { host: ObjectRefDto }) => {
  const metal3Api = useApi(metal3ApiRef);
  // Set by "Read now" for the next load only.
  const bypassCache = useRef(false);
  const { value, loading, error, retry } = useAsyncRetry(() => {
    const refresh = bypassCache.current;
    bypassCache.current = false;
    return metal3Api.getHostBmc(host, { refresh });
  }, [metal3Api, host.cluster, host.namespace, host.name]);
  useInterval(retry, BMC_REFRESH_MS);
  const readNow = () => {
    bypassCache.current = true;
    retry();
  };

  if (!value && loading) return <Progress />;
  if (!value && error) {
    return (
      <>
        <Typography paragraph>
          Live BMC data is not available for this host.
        </Typography>
        <ResponseErrorPanel error={error} />
      </>
    );
  }
  if (!value) return null;

  const { system, sensors } = value;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <Typography variant="body2">
          Read from the BMC ({value.protocol}) {readAge(value.readAt)}
        </Typography>
        <Button size="small" onClick={readNow} disabled={loading}>
          Read now
        </Button>
      </Box>
      {value.errors.map(e => (
        <WarningPanel
          key={e.part}
          severity="warning"
          title={`Could not read the ${PART_LABELS[e.part] ?? e.part}`}
          message={e.message}
        />
      ))}
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <InfoCard title="System">
            <StructuredMetadataTable
              metadata={{
                power: system?.powerState ?? '—',
                health: <BmcHealthChip health={system?.health} />,
                'power draw':
                  sensors?.powerConsumedWatts !== undefined
                    ? `${sensors.powerConsumedWatts} W`
                    : '—',
                vendor: system?.manufacturer ?? '—',
                model: system?.model ?? '—',
                serial: system?.serialNumber ?? '—',
                BIOS: system?.biosVersion ?? '—',
              }}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={8}>
          <InfoCard title="Sensors" noPadding>
            <BmcSensorsTable sensors={sensors?.sensors ?? []} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={8}>
          <InfoCard title="Recent events" noPadding>
            <BmcLogTable entries={value.logEntries ?? []} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="Firmware" noPadding>
            <BmcFirmwareTable firmware={value.firmware ?? []} />
          </InfoCard>
        </Grid>
      </Grid>
    </Box>
  );
};
