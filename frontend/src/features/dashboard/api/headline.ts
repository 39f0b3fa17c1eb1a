/** The headline figures at the top of the dashboard, each against its target with the gap and a
 * trend: pure shaping of what the progress tables, indicator values and compliance answer. */
import type { ProgressTable } from './indicators';

export interface Figure {
  actual: string | null;
  target: string | null;
  /** How far from the target, in the measure's unit: positive when short of it (null: no verdict). */
  gap: number | null;
  met: boolean | null;
  previous: string | null;
}

/** The area's own row (the total) cell of a measure in a period. */
export function totalCell(
  table: ProgressTable | undefined,
  indicator: string,
  measure: string,
  period: string,
) {
  const total = table?.rows.find((row) => row.total);
  return total?.cells.find(
    (c) => c.indicator === indicator && c.measure === measure && c.period === period,
  );
}

/** The shortfall against a target: target − actual where higher is better, actual − target where
 * lower is (below the 13,000 line: every household over the zero target); never below 0. */
export function gapOf(
  actual: string | null | undefined,
  target: string | null | undefined,
  direction: 'higher' | 'lower',
): number | null {
  if (actual == null || target == null) return null;
  const short =
    direction === 'higher' ? Number(target) - Number(actual) : Number(actual) - Number(target);
  return Math.max(0, Math.round(short * 100) / 100);
}

/** The quarter before a quarter ("2026Q1" → "2025Q4"). */
export function previousQuarter(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(5) || 4);
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}

/** Up, down or level, comparing two decimal strings (null when either is missing). */
export function direction(
  now: string | null,
  before: string | null,
): 'up' | 'down' | 'flat' | null {
  if (now == null || before == null) return null;
  const delta = Number(now) - Number(before);
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
}
