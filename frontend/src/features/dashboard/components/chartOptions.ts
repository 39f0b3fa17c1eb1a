/** The dashboard's chart options (plain data: ECharts draws them in Chart.tsx). */
import type { ChartOption } from './Chart';

// The legend is one scrolling line above the plot, and the plot starts below it with its axis
// labels inside the grid: however many series or long names, the legend never covers an axis.
const LEGEND = { type: 'scroll', top: 0, left: 0, right: 0 } as const;
const GRID_UNDER_LEGEND = { left: 8, right: 16, top: 48, bottom: 8, containLabel: true } as const;

/** Bars side by side, one per label. */
export function barOption(
  labels: string[],
  values: (number | null)[],
  name: string,
  percent = false,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      ...(percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}),
    },
    series: [{ type: 'bar', name, data: values, barMaxWidth: 48 }],
  };
}

/** One line per series over the categories (quarters). */
export function lineOption(
  categories: string[],
  series: { name: string; values: (number | null)[] }[],
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: LEGEND,
    grid: GRID_UNDER_LEGEND,
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: true })),
  };
}

/** Bars stacked per category (an area), one series each (income components); values in percent. */
export function stackedBarOption(
  categories: string[],
  series: { name: string; values: (number | null)[] }[],
): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (value == null ? '—' : `${String(value)}%`),
    },
    legend: LEGEND,
    grid: GRID_UNDER_LEGEND,
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: 'total',
      data: s.values,
      barMaxWidth: 48,
    })),
  };
}
