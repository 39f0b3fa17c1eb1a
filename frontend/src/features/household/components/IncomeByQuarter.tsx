import { Alert, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { Failure } from '@/lib/write';

import { incomeByQuarter, yuan, type QuarterIncome } from '../api/income';
import { useIncomeOf } from '../api/record';

/** Income by quarter (year to date) against the 13,000-yuan line, oldest first. */
export function IncomeByQuarter({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const income = useIncomeOf(householdId);
  const rows = incomeByQuarter(income.data?.items ?? []);
  const quarterName = (r: QuarterIncome) =>
    r.quarter === 4
      ? t('record.yearPeriod', { year: r.year })
      : r.quarter === 1
        ? t('record.q1Period', { year: r.year })
        : t('record.ytdPeriod', { year: r.year, quarter: r.quarter });
  return (
    <>
      <Failure error={income.error} />
      <Typography.Paragraph type="secondary">{t('record.lineExplained')}</Typography.Paragraph>
      <Table<QuarterIncome>
        rowKey="period"
        size="small"
        loading={income.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('record.noIncome') }}
        columns={[
          { title: t('record.period'), key: 'period', render: (_, r) => quarterName(r) },
          {
            title: t('record.total'),
            key: 'total',
            align: 'right',
            render: (_, r) => t('record.yuan', { value: yuan(r.totalFen) }),
          },
          { title: t('record.residents'), dataIndex: 'residents', align: 'right' },
          {
            title: t('record.perCapita'),
            key: 'perCapita',
            align: 'right',
            render: (_, r) => t('record.yuan', { value: yuan(r.perCapitaFen) }),
          },
          {
            title: t('record.annualised'),
            key: 'annualised',
            align: 'right',
            render: (_, r) => t('record.yuan', { value: yuan(r.annualisedFen) }),
          },
          {
            title: t('record.againstLine'),
            key: 'line',
            render: (_, r) =>
              r.below ? (
                <Tag color="red">{t('record.below')}</Tag>
              ) : (
                <Tag color="green">{t('record.above')}</Tag>
              ),
          },
        ]}
      />
      {rows.some((r) => r.below) && (
        <Alert type="warning" showIcon message={t('record.belowWarning')} />
      )}
    </>
  );
}
