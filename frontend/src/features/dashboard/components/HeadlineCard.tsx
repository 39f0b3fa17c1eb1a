import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatFigure, formatPercent } from '@/lib/format';
import { unwrap } from '@/lib/api';
import { api } from '@/lib/runtime';

import { percent, useAreaCompliance, chartLevel } from '../api/compliance';
import { direction, gapOf, previousQuarter, totalCell } from '../api/headline';
import { useIndicatorValues, useProgress } from '../api/indicators';
import { incomePeriod, parseQuarter, type DefaultPeriods } from '../api/periods';
import { usePeriodLabel } from './usePeriodLabel';

interface Headline {
  key: string;
  name: string;
  unit: 'yuan' | 'percent' | 'count';
  actual: string | null | undefined;
  target: string | null | undefined;
  lower?: boolean;
  previous: string | null | undefined;
  /** What the trend compares with: the same quarter a year earlier, or the period before. */
  against: string;
}

/** #14's "all six" and its target for the area itself, in a quarter. */
function useSixOnes(area: string, period: string) {
  const values = useIndicatorValues('I14_six_ones', area, period, 'all');
  const target = useQuery({
    queryKey: ['targets', 'I14_six_ones', area, period],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/targets', {
          params: { query: { area, period, indicator: 'I14_six_ones' } },
        }),
      ),
  });
  const own = values.data?.find((row) => row.area_code === area);
  const goal = target.data?.items.find((item) => item.area_code === area && item.measure === 'all');
  return { value: own?.value ?? null, target: goal ? String(goal.value) : null };
}

/** The figures a county reads first, against target with the gap and the trend: #1 and #3 per capita
 * and growth, #4 households under the line (the latest quarter with income records), #14 six-ones
 * coverage and the visits done (the running month, the last completed one as its trend). */
export function HeadlineCard({ area, defaults }: { area: string; defaults: DefaultPeriods }) {
  const { t } = useTranslation();
  const label = usePeriodLabel(defaults.running_month);
  const period = incomePeriod(defaults);
  const { year, quarter } = parseQuarter(period);
  const before = previousQuarter(period);
  const farmer = useProgress('farmer_income', area, year).data;
  const low = useProgress('low_income', area, year).data;
  const farmerBefore = useProgress('farmer_income', area, year - 1).data;
  const lowBefore = useProgress('low_income', area, year - 1).data;
  const beforeTable = (table: typeof farmer, tableBefore: typeof farmer) =>
    Number(before.slice(0, 4)) === year ? table : tableBefore;
  const yearEarlier = `${year - 1}Q${quarter}`;
  const cell = (table: typeof farmer, indicator: string, measure: string, p = period) =>
    totalCell(table, indicator, measure, p);
  const sixNow = useSixOnes(area, defaults.running_quarter);
  const sixBefore = useSixOnes(area, previousQuarter(defaults.running_quarter));
  const level = chartLevel(area);
  const visitsNow = useAreaCompliance(level, defaults.running_month).data?.total.rate;
  const visitsBefore = useAreaCompliance(level, defaults.completed_month).data?.total.rate;
  const asPercent = (rate: string | null | undefined) =>
    rate == null ? null : String(percent(rate));
  const lastYear = t('dashPeriods.against.yearEarlier', { period: label(yearEarlier) });
  const lastQuarter = t('dashPeriods.against.before', { period: label(before) });
  const headlines: Headline[] = [
    {
      key: 'rural',
      name: t('dashPeriods.headlines.rural'),
      unit: 'yuan',
      actual: cell(farmer, 'I01_rural_income', 'per_capita')?.actual,
      target: cell(farmer, 'I01_rural_income', 'per_capita')?.target,
      previous: cell(farmerBefore, 'I01_rural_income', 'per_capita', yearEarlier)?.actual,
      against: lastYear,
    },
    {
      key: 'ruralGrowth',
      name: t('dashPeriods.headlines.ruralGrowth'),
      unit: 'percent',
      actual: cell(farmer, 'I01_rural_income', 'growth')?.actual,
      target: cell(farmer, 'I01_rural_income', 'growth')?.target,
      previous: cell(beforeTable(farmer, farmerBefore), 'I01_rural_income', 'growth', before)
        ?.actual,
      against: lastQuarter,
    },
    {
      key: 'low',
      name: t('dashPeriods.headlines.low'),
      unit: 'yuan',
      actual: cell(low, 'I03_low_income_income', 'per_capita')?.actual,
      target: cell(low, 'I03_low_income_income', 'per_capita')?.target,
      previous: cell(lowBefore, 'I03_low_income_income', 'per_capita', yearEarlier)?.actual,
      against: lastYear,
    },
    {
      key: 'lowGrowth',
      name: t('dashPeriods.headlines.lowGrowth'),
      unit: 'percent',
      actual: cell(low, 'I03_low_income_income', 'growth')?.actual,
      target: cell(low, 'I03_low_income_income', 'growth')?.target,
      previous: cell(beforeTable(low, lowBefore), 'I03_low_income_income', 'growth', before)
        ?.actual,
      against: lastQuarter,
    },
    {
      key: 'below',
      name: t('dashPeriods.headlines.below'),
      unit: 'count',
      lower: true,
      actual: cell(low, 'I04_below_13000', 'count')?.actual,
      target: cell(low, 'I04_below_13000', 'count')?.target,
      previous: cell(beforeTable(low, lowBefore), 'I04_below_13000', 'count', before)?.actual,
      against: lastQuarter,
    },
    {
      key: 'sixOnes',
      name: t('dashPeriods.headlines.sixOnes'),
      unit: 'percent',
      actual: sixNow.value,
      target: sixNow.target,
      previous: sixBefore.value,
      against: t('dashPeriods.against.before', {
        period: label(previousQuarter(defaults.running_quarter)),
      }),
    },
    {
      key: 'visits',
      name: t('dashPeriods.headlines.visits'),
      unit: 'percent',
      actual: asPercent(visitsNow),
      target: '100',
      previous: asPercent(visitsBefore),
      against: t('dashPeriods.against.before', { period: defaults.completed_month }),
    },
  ];
  const trend = (h: Headline) => {
    const way = direction(h.actual ?? null, h.previous ?? null);
    if (way === null) return t('dashPeriods.noTrend');
    const arrow = { up: '↑', down: '↓', flat: '→' }[way];
    return `${arrow} ${h.against} ${formatFigure(h.previous, h.unit)}`;
  };
  return (
    <Card
      role="region"
      aria-label={t('dashPeriods.headline', { period: '' }).replace(/[·\s]+$/, '')}
      title={t('dashPeriods.headline', { period: label(period) })}
    >
      <Row gutter={[16, 16]}>
        {headlines.map((h) => {
          const gap = gapOf(h.actual, h.target, h.lower ? 'lower' : 'higher');
          return (
            <Col key={h.key} xs={12} md={8} xl={6} xxl={3} data-headline={h.key}>
              <Statistic title={h.name} value={formatFigure(h.actual, h.unit)} />
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {h.target == null
                  ? t('dashPeriods.noTarget')
                  : t('dashPeriods.targetOf', { value: formatFigure(h.target, h.unit) })}
                {gap !== null &&
                  ` · ${t('dashPeriods.gap')} ${
                    h.unit === 'percent' ? formatPercent(gap) : formatFigure(String(gap), h.unit)
                  }`}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {trend(h)}
              </Typography.Text>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
