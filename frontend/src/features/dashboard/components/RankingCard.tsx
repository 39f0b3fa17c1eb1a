import { Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Failure } from '@/lib/write';

import { formatPercent } from '@/lib/format';
import { rankingBy, useRanking, type Ranking } from '../api/indicators';
import { incomePeriod, quarterChoices, type DefaultPeriods } from '../api/periods';
import { ExportButtons } from './ExportButtons';
import { PeriodPicker } from './PeriodPicker';
import { usePeriodLabel } from './usePeriodLabel';

type Ranked = Ranking['items'][number];

/** The areas ranked for a chosen quarter (by default the latest with income records; by the first
 * ranking set, else by #1): equal scores share a rank, an area without a score is not numbered
 * (无数据, listed last). */
export function RankingCard({ area, defaults }: { area: string; defaults: DefaultPeriods }) {
  const { t } = useTranslation();
  const label = usePeriodLabel();
  const [period, setPeriod] = useState(incomePeriod(defaults));
  const data = useRanking(area, period);
  const title = t('dashPeriods.ranking', { period: label(period) });
  const what = t('dashboard.ranking', { period });
  const request = data.data
    ? { kind: 'rankings' as const, area, period, ...rankingBy(data.data) }
    : null;
  const noData = <Typography.Text type="secondary">{t('dashPeriods.noData')}</Typography.Text>;
  return (
    <Card
      role="region"
      aria-label={t('dashboard.ranking', { period: '' }).trim()}
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
          <ExportButtons what={what} request={request} />
        </span>
      }
    >
      <Failure error={data.error} />
      <Table<Ranked>
        scroll={{ x: 'max-content' }}
        rowKey="area_code"
        size="small"
        pagination={false}
        dataSource={data.data?.items ?? []}
        columns={[
          {
            title: t('dashboard.rank'),
            dataIndex: 'rank',
            width: 80,
            render: (rank: number | null) => (rank === null ? noData : rank),
          },
          { title: t('dashboard.area'), dataIndex: 'area_name' },
          {
            title: t('dashboard.score'),
            dataIndex: 'score',
            align: 'right',
            render: (s: string | null) => (s === null ? noData : formatPercent(s)),
          },
        ]}
      />
    </Card>
  );
}
