import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatFigure, formatPercent } from '@/lib/format';
import { Failure } from '@/lib/write';

import { useProgress, type ProgressTable } from '../api/indicators';
import { incomePeriod, parseQuarter, quarterChoices, type DefaultPeriods } from '../api/periods';
import { ExportButtons } from './ExportButtons';
import { PeriodPicker } from './PeriodPicker';
import { usePeriodLabel } from './usePeriodLabel';

type ProgressRow = ProgressTable['rows'][number];
type ProgressCell = ProgressRow['cells'][number];
type ProgressMeasure = ProgressTable['measures'][number];

/** A progress table (farmers' or low-income households' income) for one quarter, year to date — by
 * default the latest with income records, named in the title: per measure the target, the actual and
 * the completion rate, tagged met or not where the period judges it (an annual level in Q1–Q3 is
 * progress only: no pass/fail colour). */
export function ProgressCard({
  table,
  area,
  defaults,
}: {
  table: 'farmer_income' | 'low_income';
  area: string;
  defaults: DefaultPeriods;
}) {
  const { t, i18n } = useTranslation();
  const label = usePeriodLabel();
  const [period, setPeriod] = useState(incomePeriod(defaults));
  const { year } = parseQuarter(period);
  const data = useProgress(table, area, year);
  const measures = data.data?.measures ?? [];
  // The API's title is Chinese only: the table's name comes from i18n.
  const name = t(`dashboard.progress.${table}`);
  const title = t('dashPeriods.progressTitle', { title: name, period: label(period) });
  const cellOf = (row: ProgressRow, m: ProgressMeasure) =>
    row.cells.find(
      (c) => c.indicator === m.indicator && c.measure === m.measure && c.period === period,
    );
  const rate = (cell: ProgressCell | undefined) => {
    if (!cell || cell.completion_rate === null) return '—';
    const text = formatPercent(cell.completion_rate);
    if (cell.met === null) return <Tag title={t('dashPeriods.progressOnly')}>{text}</Tag>;
    return (
      <Tag
        color={cell.met ? 'green' : 'red'}
        title={t(cell.met ? 'dashPeriods.met' : 'dashPeriods.notMet')}
      >
        {text}
      </Tag>
    );
  };
  return (
    <Card
      role="region"
      aria-label={name}
      title={title}
      loading={data.isLoading}
      extra={
        <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
          <PeriodPicker
            kind="quarter"
            value={period}
            choices={quarterChoices(defaults.running_quarter)}
            onChange={setPeriod}
          />
          <ExportButtons what={name} request={{ kind: 'progress', table, area, year }} />
        </span>
      }
    >
      <Failure error={data.error} />
      <Table<ProgressRow>
        rowKey="area_code"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        dataSource={data.data?.rows ?? []}
        columns={[
          {
            title: t('dashboard.area'),
            dataIndex: 'area_name',
            fixed: 'left',
            render: (areaName: string, row) => (row.total ? <strong>{areaName}</strong> : areaName),
          },
          ...measures.map((m) => ({
            title: i18n.language === 'en' ? m.name_en : m.name_zh,
            key: `${m.indicator}/${m.measure}`,
            children: [
              {
                title: t('dashPeriods.target'),
                key: `${m.indicator}/${m.measure}/target`,
                align: 'right' as const,
                render: (_: unknown, row: ProgressRow) =>
                  formatFigure(cellOf(row, m)?.target, m.unit),
              },
              {
                title: t('dashPeriods.actual'),
                key: `${m.indicator}/${m.measure}/actual`,
                align: 'right' as const,
                render: (_: unknown, row: ProgressRow) =>
                  formatFigure(cellOf(row, m)?.actual, m.unit),
              },
              {
                title: t('dashPeriods.rate'),
                key: `${m.indicator}/${m.measure}/rate`,
                align: 'right' as const,
                render: (_: unknown, row: ProgressRow) => rate(cellOf(row, m)),
              },
            ],
          })),
        ]}
      />
    </Card>
  );
}
