import { Col, Row, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useSession } from '@/lib/hooks';

import { TREND_INDICATORS, quartersSoFar } from '../api/indicators';
import { CadreComplianceCard } from './CadreComplianceCard';
import { IncomeStructureCard } from './IncomeStructureCard';
import { IndicatorTableCard } from './IndicatorTableCard';
import { ProgressCard } from './ProgressCard';
import { RankingCard } from './RankingCard';
import { TownshipComplianceCard } from './TownshipComplianceCard';
import { TrendCard } from './TrendCard';

/** The dashboard for the login's area: visit compliance (by township, by cadre), indicator trends, the income
 * structure, any indicator's table, progress against targets, the ranking; the tables export as XLSX and CSV. */
export function DashboardPage() {
  const { t } = useTranslation();
  const area = useSession()?.me.area ?? '';
  const periods = useMemo(() => quartersSoFar(new Date()), []);
  const year = Number(periods[0]!.slice(0, 4));
  const latest = periods[periods.length - 1]!;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('dashboard.title')}</Typography.Title>
      {/* The drill-down (visits to the households not visited, six ones, under 13,000). */}
      <Link to="/admin/drill">{t('drill.open')}</Link>
      <TownshipComplianceCard />
      <CadreComplianceCard />
      <Row gutter={[16, 16]}>
        {TREND_INDICATORS.map((indicator) => (
          <Col key={indicator} xs={24} xl={12}>
            <TrendCard indicator={indicator} area={area} periods={periods} />
          </Col>
        ))}
      </Row>
      <IncomeStructureCard area={area} period={latest} />
      <IndicatorTableCard area={area} periods={periods} />
      <ProgressCard table="farmer_income" area={area} year={year} />
      <ProgressCard table="low_income" area={area} year={year} />
      <RankingCard area={area} period={latest} />
    </Space>
  );
}
