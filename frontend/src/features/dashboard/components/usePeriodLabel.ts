import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import { parseQuarter } from '../api/periods';

/** A period as people read it: "2026年1–9月（2026Q3）", "2025年全年", "2026-12（进行中）". */
export function usePeriodLabel(running?: string) {
  const { t } = useTranslation();
  return useCallback(
    (period: string) => {
      if (/^\d{4}-\d{2}$/.test(period))
        return period === running
          ? t('dashPeriods.running', { month: period })
          : t('dashPeriods.month', { month: period });
      if (/^\d{4}$/.test(period)) return t('dashPeriods.year', { year: Number(period) });
      const { year, quarter } = parseQuarter(period);
      if (quarter === 4) return t('dashPeriods.year', { year });
      return t('dashPeriods.quarter', {
        year,
        quarter,
        month: quarter * 3,
      });
    },
    [t, running],
  );
}
