import { Card, Table, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { Failure } from '@/lib/write';

import {
  percent,
  useTownshipCompliance,
  useTownshipNames,
  type ComplianceRow,
} from '../api/compliance';
import { formatCount, formatPeriod, formatRate } from '@/lib/format';

import { Chart } from './Chart';
import { barOption } from './chartOptions';

/** This month's visit compliance of each township the login sees, as a bar chart and a table with the total. */
export function TownshipComplianceCard() {
  const { t } = useTranslation();
  const compliance = useTownshipCompliance();
  const names = useTownshipNames();
  const rows = useMemo(() => compliance.data?.items ?? [], [compliance.data]);
  const nameOf = useCallback(
    (row: ComplianceRow) => row.name ?? names.data?.get(row.key) ?? row.key,
    [names.data],
  );
  const option = useMemo(
    () =>
      barOption(
        rows.map(nameOf),
        rows.map((row) => percent(row.rate)),
        t('dashboard.rate'),
        true,
      ),
    [rows, nameOf, t],
  );
  const rate = (value: string | null) => (value === null ? t('common.none') : formatRate(value));
  return (
    <Card
      title={t('dashboard.compliance', { month: formatPeriod(compliance.data?.month) })}
      loading={compliance.isLoading}
    >
      <Failure error={compliance.error} />
      {rows.length ? (
        <Chart option={option} label={t('dashboard.rate')} />
      ) : (
        <Typography.Text>{t('dashboard.empty')}</Typography.Text>
      )}
      <Table<ComplianceRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('dashboard.township'), key: 'name', render: (_, row) => nameOf(row) },
          { title: t('dashboard.due'), dataIndex: 'due', render: formatCount },
          { title: t('dashboard.visited'), dataIndex: 'visited', render: formatCount },
          { title: t('dashboard.rate'), dataIndex: 'rate', render: rate },
        ]}
        summary={() =>
          compliance.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('dashboard.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                {formatCount(compliance.data.total.due)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2}>
                {formatCount(compliance.data.total.visited)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{rate(compliance.data.total.rate)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
