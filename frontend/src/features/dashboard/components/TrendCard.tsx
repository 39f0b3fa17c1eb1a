import { Card, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Failure } from '@/lib/write';

import { useTrend, type TREND_INDICATORS } from '../api/indicators';
import {
  incomePeriod,
  parseQuarter,
  quartersOfYear,
  yearChoices,
  type DefaultPeriods,
} from '../api/periods';
import { MAX_SERIES, limitSeries } from '../api/series';
import { Chart } from './Chart';
import { lineOption } from './chartOptions';
import { PeriodPicker } from './PeriodPicker';

/** #1 or #3 by quarter of a chosen year (by default the year of the latest income records), one line
 * per area (the login's and those below it: a township officer's villages); at most eight lines,
 * the others offered in a picker. */
export function TrendCard({
  indicator,
  area,
  defaults,
}: {
  indicator: (typeof TREND_INDICATORS)[number];
  area: string;
  defaults: DefaultPeriods;
}) {
  const { t } = useTranslation();
  const [year, setYear] = useState(parseQuarter(incomePeriod(defaults)).year);
  const periods = useMemo(
    () => quartersOfYear(year, defaults.running_quarter),
    [year, defaults.running_quarter],
  );
  const trend = useTrend(indicator, area, periods);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const all = useMemo(() => trend.data?.series ?? [], [trend.data]);
  const shown = useMemo(() => limitSeries(all, chosen), [all, chosen]);
  const option = useMemo(
    () => trend.data && lineOption(trend.data.periods, shown),
    [trend.data, shown],
  );
  const title = t('dashPeriods.trend', { name: t(`dashboard.indicators.${indicator}`), year });
  return (
    <Card
      title={title}
      loading={trend.isLoading}
      extra={
        <PeriodPicker
          kind="year"
          value={year}
          choices={yearChoices(defaults.running_quarter)}
          onChange={setYear}
        />
      }
    >
      <Failure error={trend.error} />
      {all.length > MAX_SERIES && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
          <Select<string[]>
            mode="multiple"
            aria-label={t('dashPeriods.moreSeries', { max: MAX_SERIES })}
            placeholder={t('dashPeriods.moreSeries', { max: MAX_SERIES })}
            style={{ width: '100%' }}
            maxCount={MAX_SERIES}
            value={shown.map((s) => s.name)}
            onChange={(names) => setChosen(names)}
            options={all.map((s) => ({ value: s.name, label: s.name }))}
          />
          <Typography.Text type="secondary">
            {t('dashPeriods.seriesShown', { shown: shown.length, total: all.length })}
          </Typography.Text>
        </Space>
      )}
      {option && <Chart option={option} label={title} />}
    </Card>
  );
}
