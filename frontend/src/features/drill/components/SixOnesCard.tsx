import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatCount, formatPercent } from '@/lib/format';
import { Failure } from '@/lib/write';

import { coveredHouseholds, quarterOf, useSixOnes, type IndicatorValue } from '../api/drill';
import { CountButton } from './CountButton';
import type { DrillPlace } from './VisitsDrillCard';

export const PARTS = [
  'has_cadre',
  'main_measure',
  'medical_insurance',
  'happiness_list',
  'visited',
  'all',
] as const;

interface AreaRow {
  code: string;
  name: string;
  total: boolean;
  parts: Record<string, IndicatorValue | undefined>;
}

/** "Six ones" (#14) of a month by township (or, for an officer, village): each part's households
 * covered of the low-income households, the share, and the households still without it. */
export function SixOnesCard({ place }: { place: DrillPlace }) {
  const { t } = useTranslation();
  const { area, month, open } = place;
  const values = useSixOnes(area, month);
  const rows = new Map<string, AreaRow>();
  for (const v of values.data ?? []) {
    const row = rows.get(v.area_code) ?? {
      code: v.area_code,
      name: v.area_name,
      total: v.area_code === area,
      parts: {},
    };
    row.parts[v.measure] = v;
    rows.set(v.area_code, row);
  }
  const ordered = [...rows.values()].sort((a, b) => Number(a.total) - Number(b.total));
  const lacking = (row: AreaRow, part: string) => {
    const v = row.parts[part];
    return v ? Number(v.denominator ?? 0) - Number(v.numerator ?? 0) : null;
  };
  const partName = (part: string) => t(`drill.parts.${part as 'all'}`);
  return (
    <Card title={t('drill.sixOnesTitle', { month })}>
      <Typography.Paragraph type="secondary">{t('drill.sixOnesHelp')}</Typography.Paragraph>
      <Failure error={values.error} />
      <Table<AreaRow>
        rowKey="code"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        loading={values.isLoading}
        dataSource={ordered}
        columns={[
          {
            title: t('dashboard.area'),
            key: 'name',
            fixed: 'left',
            render: (_, r) =>
              r.total ? <strong>{t('drill.totalOf', { name: r.name })}</strong> : r.name,
          },
          {
            title: t('drill.lowIncomeHouseholds'),
            key: 'households',
            align: 'right',
            render: (_, r) => formatCount(r.parts.all?.denominator ?? 0),
          },
          ...PARTS.map((part) => ({
            title: partName(part),
            key: part,
            align: 'right' as const,
            render: (_: unknown, r: AreaRow) => {
              const v = r.parts[part];
              if (!v) return '—';
              const missing = lacking(r, part);
              return (
                <div>
                  <div>{formatPercent(v.value)}</div>
                  <div style={{ fontSize: 12 }}>
                    {t('drill.without')}{' '}
                    <CountButton
                      count={missing}
                      label={`${r.name} ${partName(part)} ${t('drill.without')}`}
                      onOpen={
                        open &&
                        (() =>
                          open({
                            title: t('drill.withoutTitle', {
                              area: r.name,
                              part: partName(part),
                              month,
                            }),
                            key: ['six-ones', r.code, month, part],
                            fetch: (cursor) =>
                              coveredHouseholds(
                                'I14_six_ones',
                                r.code,
                                quarterOf(month),
                                part,
                                false,
                                month,
                                cursor,
                              ),
                          }))
                      }
                    />
                  </div>
                </div>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
