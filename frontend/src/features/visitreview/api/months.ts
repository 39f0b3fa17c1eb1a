/** Months as the visits view offers them: the last completed month first (the default), the
 * running month beside it (in progress), then earlier ones. Months are Asia/Shanghai's. */
import { countyDay } from '@/lib/time';

export interface MonthChoice {
  month: string; // 2026-11
  kind: 'running' | 'last' | 'earlier';
}

function shift(month: string, by: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The running month in the county, e.g. "2026-12". */
export const runningMonth = (now: Date = new Date()) => countyDay(now).slice(0, 7);

/** The default: the last month that has ended. */
export const lastCompletedMonth = (now: Date = new Date()) => shift(runningMonth(now), -1);

/** The last completed month, the running one, then `earlier` months before them. */
export function monthChoices(now: Date = new Date(), earlier = 22): MonthChoice[] {
  const last = lastCompletedMonth(now);
  return [
    { month: last, kind: 'last' },
    { month: runningMonth(now), kind: 'running' },
    ...Array.from({ length: earlier }, (_, i) => ({
      month: shift(last, -(i + 1)),
      kind: 'earlier' as const,
    })),
  ];
}
