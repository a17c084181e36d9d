import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Typography, useTheme } from '@material-ui/core';
import { PoolDetailDto } from '../../api';
import { ChartLegend, StackedBarChart, StackedBarSeries } from '../Charts';
import { healthColor, statusCodeColor } from '../StatusChip';
import { poolCapacity } from './poolCapacity';

const hosts = (n: number) => `${n} host${n === 1 ? '' : 's'}`;

/**
 * A pool's capacity as one bar: its members (ready, not ready), then the
 * free hosts its selector matches, with a dashed line at the replicas it
 * wants. A line past the bar's end is a pool that cannot grow to its size.
 * Colours are the fleet chart's: ready members are provisioned green, free
 * hosts available green.
 */
export const PoolCapacity = ({
  pool,
  loading,
  error,
}: {
  pool?: PoolDetailDto;
  loading?: boolean;
  error?: Error;
}) => {
  const theme = useTheme();
  let content: React.ReactNode;
  if (!pool) {
    content = error ? (
      <ResponseErrorPanel title="The pool could not be read" error={error} />
    ) : (
      loading && <Progress />
    );
  } else {
    const figures = poolCapacity(pool);
    const series: StackedBarSeries[] = [
      {
        key: 'ready',
        label: 'ready members',
        color: statusCodeColor(theme, 'provisioned'),
      },
      {
        key: 'notReady',
        label: 'members not ready',
        color: healthColor(theme, 'progressing'),
      },
      {
        key: 'free',
        label: 'free matching hosts',
        color: statusCodeColor(theme, 'available'),
      },
    ];
    const values = {
      ready: figures.ready,
      notReady: figures.notReady,
      free: figures.free,
    };
    const verdictColor = {
      ok: theme.palette.text.primary,
      info: theme.palette.text.secondary,
      warning: theme.palette.warningText ?? theme.palette.warning.dark,
    }[figures.severity];
    content = (
      <div role="group" aria-label="pool capacity">
        <StackedBarChart
          title={`capacity of ${pool.name}`}
          rows={[{ id: pool.name, label: pool.name, values }]}
          series={series}
          describe={(_row, s, value) => `${s.label}: ${hosts(value)}`}
          marker={{ value: figures.wanted, label: `wanted ${figures.wanted}` }}
          labelWidth={0}
          rowHeight={44}
        />
        <ChartLegend
          label="pool capacity legend"
          items={[
            ...series.map(s => ({
              key: s.key,
              label: s.label,
              color: s.color,
              count: values[s.key as keyof typeof values],
            })),
            {
              key: 'wanted',
              label: 'wanted replicas',
              color: theme.palette.text.primary,
              count: figures.wanted,
            },
          ]}
        />
        <Typography
          variant="body2"
          style={{ color: verdictColor, marginTop: theme.spacing(1) }}
        >
          {figures.verdict}
        </Typography>
        {pool.stale && (
          <Typography variant="caption" color="textSecondary">
            The cluster is unreachable: these are the last counts read.
          </Typography>
        )}
      </div>
    );
  }
  return <InfoCard title="Capacity">{content}</InfoCard>;
};
