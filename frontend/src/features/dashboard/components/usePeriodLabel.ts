import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import { formatPeriodToDate } from '@/lib/format';

/** A period as people read it: a month "2026-12" ("2026-12（进行中）" the running one); a quarter or
 * year year to date, as lib/format names it: "2026年1–9月（2026Q3）", "2025年全年". */
export function usePeriodLabel(running?: string) {
  const { t } = useTranslation();
  return useCallback(
    (period: string) => {
      if (/^\d{4}-\d{2}$/.test(period))
        return period === running
          ? t('dashPeriods.running', { month: period })
          : t('dashPeriods.month', { month: period });
      return formatPeriodToDate(period);
    },
    [t, running],
  );
}
