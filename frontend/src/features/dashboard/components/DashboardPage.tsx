import { Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useTopArea } from '@/lib/names';
import { Failure } from '@/lib/write';

import { TREND_INDICATORS } from '../api/indicators';
import { useDefaultPeriods } from '../api/periods';
import { CadreComplianceCard } from './CadreComplianceCard';
import { HeadlineCard } from './HeadlineCard';
import { IncomeStructureCard } from './IncomeStructureCard';
import { IndicatorTableCard } from './IndicatorTableCard';
import { ProgressCard } from './ProgressCard';
import { RankingCard } from './RankingCard';
import { TownshipComplianceCard } from './TownshipComplianceCard';
import { TrendCard } from './TrendCard';

/** The dashboard for the login's area: the headline figures against target, visit compliance (by
 * township or a township's villages, by cadre), indicator trends, the income structure, any
 * indicator's table, progress against targets, the ranking; the tables export as XLSX and CSV.
 * Every card opens on the server's default period (the latest quarter with income records, the
 * last completed month for visits), names the period it shows and offers a picker. */
export function DashboardPage() {
  const { t } = useTranslation();
  // The first admin's area is "" (every area): the cards show the county, as the drill does.
  const area = useTopArea();
  const periods = useDefaultPeriods(area);
  const defaults = periods.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('dashboard.title')}</Typography.Title>
      {/* The drill-down (visits to the households not visited, six ones, under 13,000). */}
      <Link to="/admin/drill">{t('drill.open')}</Link>
      <Failure error={periods.error} />
      {!defaults ? (
        <Card loading />
      ) : (
        <>
          <HeadlineCard area={area} defaults={defaults} />
          <TownshipComplianceCard area={area} defaults={defaults} />
          <CadreComplianceCard defaults={defaults} />
          <Row gutter={[16, 16]}>
            {TREND_INDICATORS.map((indicator) => (
              <Col key={indicator} xs={24} xl={12}>
                <TrendCard indicator={indicator} area={area} defaults={defaults} />
              </Col>
            ))}
          </Row>
          <IncomeStructureCard area={area} defaults={defaults} />
          <IndicatorTableCard area={area} defaults={defaults} />
          <ProgressCard table="farmer_income" area={area} defaults={defaults} />
          <ProgressCard table="low_income" area={area} defaults={defaults} />
          <RankingCard area={area} defaults={defaults} />
        </>
      )}
    </Space>
  );
}
