import { makeStyles, useTheme } from '@material-ui/core';
import { KeyboardEvent } from 'react';
import {
  Bar,
  BarChart,
  BarShapeProps,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount } from '../../lib/units';

/** One bar: a label and a value per series. */
export interface StackedBarRow {
  id: string;
  label: string;
  values: Record<string, number>;
}

/** One part of every bar, in stacking order. */
export interface StackedBarSeries {
  key: string;
  label: string;
  color: string;
  /** False for a part a click cannot filter on. */
  selectable?: boolean;
}

export interface StackedBarChartProps {
  /** Accessible name of the chart. */
  title: string;
  rows: StackedBarRow[];
  series: StackedBarSeries[];
  /** Words for one segment: its accessible name and its hover text. */
  describe(row: StackedBarRow, series: StackedBarSeries, value: number): string;
  isSelected?(row: StackedBarRow, series: StackedBarSeries): boolean;
  onSelect?(row: StackedBarRow, series: StackedBarSeries): void;
  /** A vertical line across the bars, e.g. the replicas a pool wants. */
  marker?: { value: number; label: string };
  /** Room for the row labels, px; 0 hides them (a single bar named by its card). */
  labelWidth?: number;
  /** Height of one bar with its gap, px. */
  rowHeight?: number;
}

const AXIS_HEIGHT = 28;

const useStyles = makeStyles({
  segment: { outline: 'none', '&:focus-visible rect': { strokeWidth: 3 } },
});

/**
 * Horizontal stacked bars (recharts): one bar per row, one coloured part
 * per series. Each part is its own focusable button with a name (the
 * library's own keyboard layer moves a tooltip, not a filter, so it is off),
 * a hover text (SVG title: no tooltip component re-rendering on every mouse
 * move), and when anything is selected the rest fades.
 */
export const StackedBarChart = ({
  title,
  rows,
  series,
  describe,
  isSelected,
  onSelect,
  marker,
  labelWidth = 120,
  rowHeight = 32,
}: StackedBarChartProps) => {
  const theme = useTheme();
  const classes = useStyles();
  // Index keys: a series key may hold a dot (a pool name), which recharts
  // would read as a path.
  const data = rows.map(row => ({
    row,
    label: row.label,
    ...Object.fromEntries(series.map((s, i) => [`s${i}`, row.values[s.key]])),
  }));
  const anySelected = Boolean(
    isSelected && rows.some(row => series.some(s => isSelected(row, s))),
  );
  const largest = Math.max(
    marker?.value ?? 0,
    ...rows.map(row =>
      series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0),
    ),
  );

  const segment = (s: StackedBarSeries) =>
    function Segment(props: BarShapeProps) {
      const { x, y, width, height, payload } = props;
      const row: StackedBarRow = payload.row;
      const value = row.values[s.key] ?? 0;
      if (!(width > 0) || value <= 0) return <g />;
      const clickable = Boolean(onSelect) && s.selectable !== false;
      const selected = isSelected?.(row, s) ?? false;
      const name = describe(row, s, value);
      const activate = () => onSelect?.(row, s);
      return (
        <g
          className={classes.segment}
          role={clickable ? 'button' : 'img'}
          aria-label={name}
          aria-pressed={clickable ? selected : undefined}
          tabIndex={clickable ? 0 : undefined}
          onClick={clickable ? activate : undefined}
          onKeyDown={
            clickable
              ? (event: KeyboardEvent) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    activate();
                  }
                }
              : undefined
          }
          style={{ cursor: clickable ? 'pointer' : 'default' }}
        >
          <title>{name}</title>
          <rect
            x={x}
            y={y}
            width={width}
            height={height}
            fill={s.color}
            fillOpacity={anySelected && !selected ? 0.35 : 1}
            stroke={
              selected
                ? theme.palette.text.primary
                : theme.palette.background.paper
            }
            strokeWidth={selected ? 2 : 1}
          />
        </g>
      );
    };

  // Room above the bars for the marker's label.
  const top = marker ? 18 : 0;
  const height = rows.length * rowHeight + AXIS_HEIGHT + top;
  return (
    // The container follows its card's width; until it has measured (and
    // where nothing can measure, as in jsdom) it draws at a typical width.
    <ResponsiveContainer
      width="100%"
      height={height}
      initialDimension={{ width: 640, height }}
    >
      <BarChart
        layout="vertical"
        data={data}
        margin={{ top, right: 16, bottom: 0, left: 0 }}
        barCategoryGap={6}
        accessibilityLayer={false}
        title={title}
      >
        <XAxis
          type="number"
          allowDecimals={false}
          domain={[0, Math.max(1, largest)]}
          tickFormatter={formatCount}
          tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
          stroke={theme.palette.divider}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={labelWidth}
          hide={labelWidth === 0}
          tick={{ fill: theme.palette.text.primary, fontSize: 13 }}
          stroke={theme.palette.divider}
        />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={`s${i}`}
            name={s.label}
            stackId="all"
            fill={s.color}
            isAnimationActive={false}
            shape={segment(s)}
          />
        ))}
        {marker && (
          <ReferenceLine
            x={marker.value}
            stroke={theme.palette.text.primary}
            strokeDasharray="4 3"
            strokeWidth={2}
            label={{
              value: marker.label,
              position: 'top',
              fill: theme.palette.text.primary,
              fontSize: 12,
            }}
          />
        )}
      </BarChart>
    </ResponsiveContainer>
  );
};
