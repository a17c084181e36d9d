import { Typography, useTheme } from '@material-ui/core';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { TelemetryPoint } from './telemetryPoints';

const HEIGHT = 240;

const hourMinute = (ms: number) =>
  new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
  });

const latest = (points: TelemetryPoint[], key: keyof TelemetryPoint) =>
  [...points].reverse().find(p => p[key] !== null)?.[key];

/**
 * Power (left axis, W) and the hottest temperature sensor (right axis, °C)
 * over the window, two lines in the theme's primary and error colours. The
 * figure's accessible name says the latest values, so a screen reader (and a
 * test) gets the numbers the lines end at.
 */
export const TelemetryChart = ({
  points,
  sinceMs,
  nowMs,
}: {
  points: TelemetryPoint[];
  sinceMs: number;
  nowMs: number;
}) => {
  const theme = useTheme();
  const power = latest(points, 'powerWatts');
  const temperature = latest(points, 'temperatureCelsius');
  const summary = [
    power !== undefined && `latest power ${Math.round(Number(power))} W`,
    temperature !== undefined &&
      `latest temperature ${Math.round(Number(temperature))} °C`,
  ]
    .filter(Boolean)
    .join(', ');
  const axisTick = { fill: theme.palette.text.secondary, fontSize: 12 };
  // A line needs two readings: the first ones after start-up show as points.
  const dot = points.length < 3 ? { r: 3 } : false;
  return (
    <figure
      role="figure"
      aria-label={`power and temperature over the last 24 h: ${summary}`}
      style={{ margin: 0 }}
    >
      <ResponsiveContainer
        width="100%"
        height={HEIGHT}
        initialDimension={{ width: 640, height: HEIGHT }}
      >
        <LineChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={theme.palette.divider} vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[sinceMs, nowMs]}
            tickFormatter={hourMinute}
            tick={axisTick}
            stroke={theme.palette.divider}
          />
          <YAxis
            yAxisId="power"
            unit=" W"
            width={64}
            tick={axisTick}
            stroke={theme.palette.divider}
          />
          <YAxis
            yAxisId="temperature"
            orientation="right"
            unit=" °C"
            width={56}
            tick={axisTick}
            stroke={theme.palette.divider}
          />
          <Tooltip
            labelFormatter={label => new Date(Number(label)).toLocaleString()}
            contentStyle={{
              background: theme.palette.background.paper,
              borderColor: theme.palette.divider,
            }}
          />
          <Line
            yAxisId="power"
            dataKey="powerWatts"
            name="Power"
            unit=" W"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={dot}
            isAnimationActive={false}
          />
          <Line
            yAxisId="temperature"
            dataKey="temperatureCelsius"
            name="Temperature"
            unit=" °C"
            stroke={theme.palette.error.main}
            strokeWidth={2}
            dot={dot}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <Typography
        variant="caption"
        color="textSecondary"
        component="figcaption"
      >
        <span style={{ color: theme.palette.primary.main }}>━</span> Power (W){' '}
        <span style={{ color: theme.palette.error.main }}>━</span> Hottest
        temperature sensor (°C)
      </Typography>
    </figure>
  );
};
