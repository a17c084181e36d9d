import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Grid, Typography } from '@material-ui/core';
import type { ObjectRefDto } from '@metal3-fleet/plugin-metal3-common';
import useAsync from 'react-use/esm/useAsync';
import { metal3ApiRef } from '../../api';
import { HostTimeline } from './HostTimeline';
import { TelemetryChart } from './TelemetryChart';
import { telemetryPoints } from './telemetryPoints';
import { timelineItems } from './timelineItems';

/**
 * The host's last 24 h: power and temperature from the readings the
 * backend keeps (`GET .../history`), and a timeline of its long operations
 * (same answer) and Kubernetes events (`GET .../events`). The two cards load
 * and fail on their own: events come from the cluster, readings from the
 * database.
 */
export const HostHistory = ({ host }: { host: ObjectRefDto }) => {
  const metal3Api = useApi(metal3ApiRef);
  const { cluster, namespace, name } = host;
  const history = useAsync(
    () => metal3Api.getHostHistory({ cluster, namespace, name }),
    [metal3Api, cluster, namespace, name],
  );
  const events = useAsync(
    () => metal3Api.getHostEvents({ cluster, namespace, name }),
    [metal3Api, cluster, namespace, name],
  );
  const nowMs = Date.now();
  const sinceMs = history.value ? Date.parse(history.value.since) : 0;

  let chart: React.ReactNode;
  if (history.error) {
    chart = (
      <ResponseErrorPanel
        title="Power and temperature could not be read"
        error={history.error}
      />
    );
  } else if (!history.value) {
    chart = <Progress />;
  } else if (history.value.readings.length === 0) {
    chart = (
      <Typography>
        {history.value.sampling
          ? `No reading in the last 24 h yet: the backend reads each BMC every ${Math.round(
              history.value.sampleIntervalSeconds / 60,
            )} min (metal3.bmc.telemetry.history.sampleIntervalSeconds).`
          : 'Sampling is off (metal3.bmc.telemetry.history.enabled: false).'}
      </Typography>
    );
  } else {
    chart = (
      <TelemetryChart
        points={telemetryPoints(
          history.value.readings,
          history.value.sampleIntervalSeconds,
        )}
        sinceMs={sinceMs}
        nowMs={nowMs}
      />
    );
  }

  let timeline: React.ReactNode;
  if (history.error || events.error) {
    timeline = (
      <ResponseErrorPanel
        title="The timeline could not be read"
        error={(history.error ?? events.error)!}
      />
    );
  } else if (!history.value || !events.value) {
    timeline = <Progress />;
  } else {
    const items = timelineItems(
      history.value.operations,
      events.value,
      sinceMs,
    );
    timeline =
      items.length === 0 ? (
        <Typography>No operation or event in the last 24 h.</Typography>
      ) : (
        <HostTimeline items={items} />
      );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={7}>
        <InfoCard title="Power and temperature, last 24 h">{chart}</InfoCard>
      </Grid>
      <Grid item xs={12} lg={5}>
        <InfoCard title="Timeline, last 24 h">{timeline}</InfoCard>
      </Grid>
    </Grid>
  );
};
