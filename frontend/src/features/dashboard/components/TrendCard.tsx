import { Card } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { Failure } from '@/lib/write';

import { useTrend, type TREND_INDICATORS } from '../api/indicators';
import { Chart } from './Chart';
import { lineOption } from './chartOptions';

/** #1 or #3 by quarter so far this year, one line per area (the login's and those below it). */
export function TrendCard({
  indicator,
  area,
  periods,
}: {
  indicator: (typeof TREND_INDICATORS)[number];
  area: string;
  periods: string[];
}) {
  const { t } = useTranslation();
  const trend = useTrend(indicator, area, periods);
  const option = useMemo(
    () => trend.data && lineOption(trend.data.periods, trend.data.series),
    [trend.data],
  );
  const title = t(`dashboard.indicators.${indicator}`);
  return (
    <Card title={title} loading={trend.isLoading}>
      <Failure error={trend.error} />
      {option && <Chart option={option} label={title} />}
    </Card>
  );
}
