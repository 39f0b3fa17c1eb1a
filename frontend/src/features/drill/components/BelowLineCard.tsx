import { Card, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatCount, formatPercent, formatPeriod } from '@/lib/format';
import { Failure } from '@/lib/write';

import { coveredHouseholds, useBelowLine, type IndicatorValue } from '../api/drill';
import { CountButton } from './CountButton';
import type { DrillPlace } from './VisitsDrillCard';

/** The households under 13,000 yuan (#4) by area for a quarter; each count opens its households. */
export function BelowLineCard({
  place,
  period,
  periods,
  onPeriod,
}: {
  place: DrillPlace;
  period: string;
  periods: string[];
  onPeriod: (period: string) => void;
}) {
  const { t } = useTranslation();
  const { area, open } = place;
  const values = useBelowLine(area, period);
  const counts = (values.data ?? []).filter((v) => v.measure === 'count');
  const shares = new Map(
    (values.data ?? []).filter((v) => v.measure === 'share').map((v) => [v.area_code, v.value]),
  );
  const ordered = [...counts].sort(
    (a, b) => Number(a.area_code === area) - Number(b.area_code === area),
  );
  const periodName = formatPeriod;
  return (
    <Card title={t('drill.belowLineTitle', { period: periodName(period) })}>
      <Space style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('dashboard.period')}
          value={period}
          onChange={onPeriod}
          options={periods.map((p) => ({ value: p, label: periodName(p) }))}
        />
      </Space>
      <Failure error={values.error} />
      <Table<IndicatorValue>
        rowKey="area_code"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={values.isLoading}
        dataSource={ordered}
        columns={[
          {
            title: t('dashboard.area'),
            key: 'name',
            render: (_, v) =>
              v.area_code === area ? (
                <strong>{t('drill.totalOf', { name: v.area_name })}</strong>
              ) : (
                v.area_name
              ),
          },
          {
            title: t('drill.withRecord'),
            key: 'denominator',
            align: 'right',
            render: (_, v) => formatCount(v.covered),
          },
          {
            title: t('drill.belowLine'),
            key: 'count',
            align: 'right',
            render: (_, v) => (
              <CountButton
                count={v.value}
                label={`${v.area_name} ${t('drill.belowLine')}`}
                onOpen={
                  open &&
                  (() =>
                    open({
                      title: t('drill.belowLineList', {
                        area: v.area_name,
                        period: periodName(period),
                      }),
                      key: ['below-line', v.area_code, period],
                      fetch: (cursor) =>
                        coveredHouseholds(
                          'I04_below_13000',
                          v.area_code,
                          period,
                          'count',
                          true,
                          null,
                          cursor,
                        ),
                    }))
                }
              />
            ),
          },
          {
            title: t('drill.share'),
            key: 'share',
            align: 'right',
            render: (_, v) => {
              const share = shares.get(v.area_code);
              return formatPercent(share);
            },
          },
        ]}
      />
    </Card>
  );
}
