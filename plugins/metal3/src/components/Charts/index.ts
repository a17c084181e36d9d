export { StackedBarChart } from './StackedBarChart';
export type {
  StackedBarChartProps,
  StackedBarRow,
  StackedBarSeries,
} from './StackedBarChart';
export { ChartLegend } from './ChartLegend';
export type { ChartLegendItem } from './ChartLegend';
