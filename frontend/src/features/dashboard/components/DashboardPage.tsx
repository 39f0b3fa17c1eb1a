import { Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useSession } from '@/lib/hooks';
import { Failure } from '@/lib/write';

import { percent, useTownshipCompliance, useTownshipNames, type ComplianceRow } from '../api/compliance';
import { TREND_INDICATORS, quartersSoFar, rankingBy, useProgress, useRanking, useTrend, type ProgressTable, type Ranking } from '../api/indicators';
import { CadreComplianceCard } from './CadreComplianceCard';
import { Chart } from './Chart';
import { barOption, lineOption } from './chartOptions';
import { ExportButtons } from './ExportButtons';
import { IncomeStructureCard } from './IncomeStructureCard';
import { IndicatorTableCard } from './IndicatorTableCard';

function TrendCard({ indicator, area, periods }: { indicator: string; area: string; periods: string[] }) {
  const { t } = useTranslation();
  const trend = useTrend(indicator, area, periods);
  const option = useMemo(() => trend.data && lineOption(trend.data.periods, trend.data.series), [trend.data]);
  const title = t(`dashboard.indicators.${indicator as (typeof TREND_INDICATORS)[number]}`);
  return (
    <Card title={title} loading={trend.isLoading}>
      <Failure error={trend.error} />
      {option && <Chart option={option} label={title} />}
    </Card>
  );
}

type ProgressRowT = ProgressTable['rows'][number];

function ProgressCard({ table, area, year }: { table: 'farmer_income' | 'low_income'; area: string; year: number }) {
  const { t, i18n } = useTranslation();
  const data = useProgress(table, area, year);
  const measures = data.data?.measures ?? [];
  const title = data.data?.title ?? t(`dashboard.progress.${table}`);
  return (
    <Card title={title} loading={data.isLoading} extra={<ExportButtons what={title} request={{ kind: 'progress', table, area, year }} />}>
      <Failure error={data.error} />
      <Table<ProgressRowT>
        rowKey="area_code"
        size="small"
        scroll={{ x: true }}
        pagination={false}
        dataSource={data.data?.rows ?? []}
        columns={[
          { title: t('dashboard.area'), dataIndex: 'area_name', fixed: 'left', render: (name: string, row) => (row.total ? <strong>{name}</strong> : name) },
          ...measures.map((m) => ({
            title: i18n.language === 'en' ? m.name_en : m.name_zh,
            key: `${m.indicator}/${m.measure}`,
            render: (_: unknown, row: ProgressRowT) => {
              const cell = row.cells.find((c) => c.indicator === m.indicator && c.measure === m.measure);
              if (!cell) return t('common.none');
              return (
                <span>
                  {cell.actual ?? '—'} / {cell.target ?? '—'}{' '}
                  {cell.met !== null && <Tag color={cell.met ? 'green' : 'red'}>{cell.completion_rate ?? '—'}%</Tag>}
                </span>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}

type Ranked = Ranking['items'][number];

function RankingCard({ area, period }: { area: string; period: string }) {
  const { t } = useTranslation();
  const data = useRanking(area, period);
  const title = t('dashboard.ranking', { period });
  const request = data.data ? { kind: 'rankings' as const, area, period, ...rankingBy(data.data) } : null;
  return (
    <Card title={title} loading={data.isLoading} extra={<ExportButtons what={title} request={request} />}>
      <Failure error={data.error} />
      <Table<Ranked>
        rowKey="area_code"
        size="small"
        pagination={false}
        dataSource={data.data?.items ?? []}
        columns={[
          { title: t('dashboard.rank'), dataIndex: 'rank', width: 80 },
          { title: t('dashboard.area'), dataIndex: 'area_name' },
          { title: t('dashboard.score'), dataIndex: 'score', render: (s: string | null) => (s === null ? '—' : `${s}%`) },
        ]}
      />
    </Card>
  );
}

function ComplianceCard() {
  const { t } = useTranslation();
  const compliance = useTownshipCompliance();
  const names = useTownshipNames();
  const rows = useMemo(() => compliance.data?.items ?? [], [compliance.data]);
  const nameOf = useCallback((row: ComplianceRow) => row.name ?? names.data?.get(row.key) ?? row.key, [names.data]);
  const option = useMemo(
    () => barOption(rows.map(nameOf), rows.map((row) => percent(row.rate)), t('dashboard.rate'), true),
    [rows, nameOf, t],
  );
  const rate = (value: string | null) => (value === null ? t('common.none') : `${percent(value)}%`);
  return (
    <Card title={t('dashboard.compliance', { month: compliance.data?.month ?? '' })} loading={compliance.isLoading}>
      <Failure error={compliance.error} />
      {rows.length ? <Chart option={option} label={t('dashboard.rate')} /> : <Typography.Text>{t('dashboard.empty')}</Typography.Text>}
      <Table<ComplianceRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('dashboard.township'), key: 'name', render: (_, row) => nameOf(row) },
          { title: t('dashboard.due'), dataIndex: 'due' },
          { title: t('dashboard.visited'), dataIndex: 'visited' },
          { title: t('dashboard.rate'), dataIndex: 'rate', render: rate },
        ]}
        summary={() =>
          compliance.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('dashboard.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{compliance.data.total.due}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{compliance.data.total.visited}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{rate(compliance.data.total.rate)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}

/** The dashboard for the login's area: visit compliance (by township, by cadre), indicator trends, the income
 * structure, any indicator's table, progress against targets, the ranking; the tables export as XLSX and CSV. */
export function DashboardPage() {
  const { t } = useTranslation();
  const area = useSession()?.me.area ?? '';
  const periods = useMemo(() => quartersSoFar(new Date()), []);
  const year = Number(periods[0]!.slice(0, 4));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('dashboard.title')}</Typography.Title>
      <ComplianceCard />
      <CadreComplianceCard />
      <Row gutter={[16, 16]}>
        {TREND_INDICATORS.map((indicator) => (
          <Col key={indicator} xs={24} xl={12}>
            <TrendCard indicator={indicator} area={area} periods={periods} />
          </Col>
        ))}
      </Row>
      <IncomeStructureCard area={area} period={periods[periods.length - 1]!} />
      <IndicatorTableCard area={area} periods={periods} />
      <ProgressCard table="farmer_income" area={area} year={year} />
      <ProgressCard table="low_income" area={area} year={year} />
      <RankingCard area={area} period={periods[periods.length - 1]!} />
    </Space>
  );
}
