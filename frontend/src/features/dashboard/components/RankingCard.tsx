import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatPercent, formatPeriod } from '@/lib/format';
import { Failure } from '@/lib/write';

import { rankingBy, useRanking, type Ranking } from '../api/indicators';
import { ExportButtons } from './ExportButtons';

type Ranked = Ranking['items'][number];

/** The areas ranked for the quarter (by the first ranking set, else by #1), with its exports. */
export function RankingCard({ area, period }: { area: string; period: string }) {
  const { t } = useTranslation();
  const data = useRanking(area, period);
  const title = t('dashboard.ranking', { period: formatPeriod(period) });
  const request = data.data
    ? { kind: 'rankings' as const, area, period, ...rankingBy(data.data) }
    : null;
  return (
    <Card
      title={title}
      loading={data.isLoading}
      extra={<ExportButtons what={title} request={request} />}
    >
      <Failure error={data.error} />
      <Table<Ranked>
        rowKey="area_code"
        size="small"
        pagination={false}
        dataSource={data.data?.items ?? []}
        columns={[
          { title: t('dashboard.rank'), dataIndex: 'rank', width: 80 },
          { title: t('dashboard.area'), dataIndex: 'area_name' },
          {
            title: t('dashboard.score'),
            dataIndex: 'score',
            render: (s: string | null) => formatPercent(s),
          },
        ]}
      />
    </Card>
  );
}
