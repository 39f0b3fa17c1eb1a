import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatFigure, formatPercent } from '@/lib/format';
import { Failure } from '@/lib/write';

import { useProgress, type ProgressTable } from '../api/indicators';
import { ExportButtons } from './ExportButtons';

type ProgressRow = ProgressTable['rows'][number];

/** A progress table (farmers' or low-income households' income): actual / target per measure and area, the completion rate tagged met or not. */
export function ProgressCard({
  table,
  area,
  year,
}: {
  table: 'farmer_income' | 'low_income';
  area: string;
  year: number;
}) {
  const { t, i18n } = useTranslation();
  const data = useProgress(table, area, year);
  const measures = data.data?.measures ?? [];
  // The server's title is Chinese only: the app names the table in the user's language.
  const title = t(`dashboard.progress.${table}`);
  return (
    <Card
      title={title}
      loading={data.isLoading}
      extra={<ExportButtons what={title} request={{ kind: 'progress', table, area, year }} />}
    >
      <Failure error={data.error} />
      <Table<ProgressRow>
        rowKey="area_code"
        size="small"
        scroll={{ x: true }}
        pagination={false}
        dataSource={data.data?.rows ?? []}
        columns={[
          {
            title: t('dashboard.area'),
            dataIndex: 'area_name',
            fixed: 'left',
            render: (name: string, row) => (row.total ? <strong>{name}</strong> : name),
          },
          ...measures.map((m) => ({
            title: i18n.language === 'en' ? m.name_en : m.name_zh,
            key: `${m.indicator}/${m.measure}`,
            render: (_: unknown, row: ProgressRow) => {
              const cell = row.cells.find(
                (c) => c.indicator === m.indicator && c.measure === m.measure,
              );
              if (!cell) return t('common.none');
              return (
                <span>
                  {formatFigure(cell.actual, m.unit)} / {formatFigure(cell.target, m.unit)}{' '}
                  {cell.met !== null && (
                    <Tag color={cell.met ? 'green' : 'red'}>
                      {formatPercent(cell.completion_rate)}
                    </Tag>
                  )}
                </span>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
