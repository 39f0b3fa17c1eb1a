import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { formatPeriod } from '@/lib/format';
import { Failure } from '@/lib/write';

import { INCOME_STRUCTURE, structureOf, useIndicatorValues } from '../api/indicators';
import { Chart } from './Chart';
import { stackedBarOption } from './chartOptions';

/** #17: the four components' shares of income, stacked, for the area and each area below it. */
export function IncomeStructureCard({ area, period }: { area: string; period: string }) {
  const { t } = useTranslation();
  const values = useIndicatorValues(INCOME_STRUCTURE, area, period);
  const structure = useMemo(() => structureOf(values.data ?? []), [values.data]);
  const option = useMemo(
    () =>
      stackedBarOption(
        structure.areas,
        structure.series.map((s) => ({
          name: t(`dashboard.components.${s.component}`),
          values: s.values,
        })),
      ),
    [structure, t],
  );
  const title = t('dashboard.incomeStructure', { period: formatPeriod(period) });
  const empty = structure.series.every((s) => s.values.every((v) => v === null));
  return (
    <Card title={title} loading={values.isLoading}>
      <Failure error={values.error} />
      {empty ? (
        <Typography.Text>{t('dashboard.noIncome')}</Typography.Text>
      ) : (
        <Chart option={option} label={title} />
      )}
    </Card>
  );
}
