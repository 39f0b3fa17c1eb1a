import { Card, Table, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatNamed, formatRate } from '@/lib/format';
import { useAreaNames } from '@/lib/names';
import { Failure } from '@/lib/write';

import { chartLevel, percent, useAreaCompliance, type ComplianceRow } from '../api/compliance';
import { monthChoices, type DefaultPeriods } from '../api/periods';
import { Chart } from './Chart';
import { barOption } from './chartOptions';
import { PeriodPicker } from './PeriodPicker';

/** Visit compliance of a month (by default the last completed one, the running month beside it as in
 * progress) for each township the login sees, or a township officer's villages: a bar chart and a
 * table with the total. */
export function TownshipComplianceCard({
  area,
  defaults,
}: {
  area: string;
  defaults: DefaultPeriods;
}) {
  const { t } = useTranslation();
  const level = chartLevel(area);
  const [month, setMonth] = useState(defaults.completed_month);
  const running = defaults.running_month;
  const compliance = useAreaCompliance(level, month);
  const now = useAreaCompliance(level, running);
  const rows = useMemo(() => compliance.data?.items ?? [], [compliance.data]);
  const names = useAreaNames(rows.map((row) => row.key));
  const nameOf = useCallback((row: ComplianceRow) => row.name ?? names.name(row.key), [names]);
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
  const rate = (value: string | null | undefined) =>
    value == null ? t('common.none') : formatRate(value);
  const runningRate = (key: string) => now.data?.items.find((row) => row.key === key)?.rate;
  const title = t(
    level === 'village' ? 'dashPeriods.complianceByVillage' : 'dashPeriods.complianceByTownship',
    { month },
  );
  const inProgress = t('dashPeriods.inProgress', { month: running });
  return (
    <Card
      role="region"
      aria-label={t('dashPeriods.compliance', { month: '' }).trim()}
      title={title}
      loading={compliance.isLoading}
      extra={
        <PeriodPicker
          kind="month"
          value={month}
          choices={monthChoices(running)}
          onChange={setMonth}
          running={running}
        />
      }
    >
      <Failure error={compliance.error} />
      {rows.length ? (
        <Chart option={option} label={title} />
      ) : (
        <Typography.Text>{t('dashPeriods.emptyMonth', { month })}</Typography.Text>
      )}
      <Table<ComplianceRow>
        rowKey="key"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t(level === 'village' ? 'dashPeriods.village' : 'dashboard.township'),
            key: 'name',
            render: (_, row) => nameOf(row),
          },
          { title: t('dashboard.due'), dataIndex: 'due' },
          { title: t('dashboard.visited'), dataIndex: 'visited' },
          { title: formatNamed(t('dashboard.rate'), month), dataIndex: 'rate', render: rate },
          ...(month === running
            ? []
            : [
                {
                  title: inProgress,
                  key: 'running',
                  render: (_: unknown, row: ComplianceRow) => rate(runningRate(row.key)),
                },
              ]),
        ]}
        summary={() =>
          compliance.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('dashboard.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{compliance.data.total.due}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{compliance.data.total.visited}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{rate(compliance.data.total.rate)}</Table.Summary.Cell>
              {month !== running && (
                <Table.Summary.Cell index={4}>{rate(now.data?.total.rate)}</Table.Summary.Cell>
              )}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
