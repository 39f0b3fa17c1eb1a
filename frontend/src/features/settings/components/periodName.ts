import type { TFunction } from 'i18next';

/** "2026" / "2026Q4" → 2026 年全年; "2026Q2" → 2026 年第 2 季度（1–6 月累计）. */
export function periodName(period: string, t: TFunction): string {
  const year = period.slice(0, 4);
  const quarter = period.length > 4 ? Number(period.slice(5)) : 4;
  return quarter === 4
    ? t('settings.periodYear', { year })
    : t('settings.periodQuarter', { year, quarter, months: quarter * 3 });
}
