import { Card, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Failure } from '@/lib/write';

import { INCOME_STRUCTURE, structureOf, useIndicatorValues } from '../api/indicators';
import { incomePeriod, quarterChoices, type DefaultPeriods } from '../api/periods';
import { Chart } from './Chart';
import { stackedBarOption } from './chartOptions';
import { PeriodPicker } from './PeriodPicker';
import { usePeriodLabel } from './usePeriodLabel';

/** #17: the four components' shares of income, stacked, for the area and each area below it, in a
 * chosen quarter (by default the latest with income records). */
export function IncomeStructureCard({
  area,
  defaults,
}: {
  area: string;
  defaults: DefaultPeriods;
}) {
  const { t } = useTranslation();
  const label = usePeriodLabel();
  const [period, setPeriod] = useState(incomePeriod(defaults));
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
  const title = t('dashPeriods.incomeStructure', { period: label(period) });
  const empty = structure.series.every((s) => s.values.every((v) => v === null));
  return (
    <Card
      role="region"
      aria-label={t('dashboard.incomeStructure', { period: '' }).trim()}
      title={title}
      loading={values.isLoading}
      extra={
        <PeriodPicker
          kind="quarter"
          value={period}
          choices={quarterChoices(defaults.running_quarter)}
          onChange={setPeriod}
        />
      }
    >
      <Failure error={values.error} />
      {empty ? (
        <Typography.Text>{t('dashPeriods.noIncome', { period: label(period) })}</Typography.Text>
      ) : (
        <Chart option={option} label={title} />
      )}
    </Card>
  );
}
