/** The dashboard's chart options (plain data: ECharts draws them in Chart.tsx). */
import type { ChartOption } from './Chart';

/** Bars side by side, one per label. */
export function barOption(
  labels: string[],
  values: (number | null)[],
  name: string,
  percent = false,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 64, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: labels },
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
    legend: { top: 0 },
    grid: { left: 64, right: 16, top: 40, bottom: 32 },
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
    legend: { top: 0 },
    grid: { left: 64, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: categories },
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
