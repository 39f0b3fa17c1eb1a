import { Card, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatNamed, formatRate } from '@/lib/format';
import { useAreaNames } from '@/lib/names';
import { Failure } from '@/lib/write';

import {
  sortByRate,
  useCadreCompliance,
  useTownshipCompliance,
  type ComplianceRow,
} from '../api/compliance';
import { monthChoices, type DefaultPeriods } from '../api/periods';
import { PeriodPicker } from './PeriodPicker';

type Order = 'ascend' | 'descend';

/** A month's visit compliance (by default the last completed one, the running month beside it) of
 * each cadre in a chosen township, sortable by rate. */
export function CadreComplianceCard({ defaults }: { defaults: DefaultPeriods }) {
  const { t } = useTranslation();
  // The townships the login sees (an officer: their own), as the township card reads them.
  const townships = useTownshipCompliance();
  const [chosen, setChosen] = useState<string | undefined>();
  const running = defaults.running_month;
  const [month, setMonth] = useState(defaults.completed_month);
  const township = chosen ?? townships.data?.items[0]?.key;
  const names = useAreaNames((townships.data?.items ?? []).map((row) => row.key));
  const cadres = useCadreCompliance(township, month);
  const now = useCadreCompliance(township, running);
  const [order, setOrder] = useState<Order>('ascend');
  // Cadres due visits only in the running month are listed too (nothing due in the month shown).
  const rows = useMemo(() => {
    const shown = cadres.data?.items ?? [];
    const keys = new Set(shown.map((row) => row.key));
    const onlyNow = (now.data?.items ?? [])
      .filter((row) => !keys.has(row.key))
      .map((row) => ({ ...row, due: 0, visited: 0, rate: null }));
    return sortByRate([...shown, ...onlyNow], order);
  }, [cadres.data, now.data, order]);
  const rate = (value: string | null | undefined) =>
    value == null ? t('common.none') : formatRate(value);
  const runningRate = (key: string) => now.data?.items.find((row) => row.key === key)?.rate;
  const title = t('dashPeriods.cadreCompliance', { month });
  return (
    <Card
      role="region"
      aria-label={t('dashboard.cadreCompliance', { month: '' }).trim()}
      title={title}
      extra={
        <Space wrap>
          <PeriodPicker
            kind="month"
            value={month}
            choices={monthChoices(running)}
            onChange={setMonth}
            running={running}
          />
          <label htmlFor="cadre-compliance-township">{t('dashboard.township')}</label>
          <Select<string>
            id="cadre-compliance-township"
            style={{ width: 180 }}
            value={township}
            onChange={setChosen}
            options={(townships.data?.items ?? []).map((row) => ({
              value: row.key,
              label: names.name(row.key),
            }))}
          />
        </Space>
      }
    >
      <Failure error={townships.error ?? cadres.error} />
      <Table<ComplianceRow>
        rowKey="key"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={cadres.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={rows}
        locale={{ emptyText: t('dashPeriods.emptyMonth', { month }) }}
        onChange={(_, __, sorter) => {
          const next = Array.isArray(sorter) ? sorter[0]?.order : sorter.order;
          setOrder(next === 'descend' ? 'descend' : 'ascend');
        }}
        columns={[
          { title: t('dashboard.cadre'), key: 'name', render: (_, row) => row.name ?? row.key },
          { title: t('dashboard.due'), dataIndex: 'due' },
          { title: t('dashboard.visited'), dataIndex: 'visited' },
          // Sorted here (nothing due stays last either way), so antd only shows the order.
          {
            title: formatNamed(t('dashboard.rate'), month),
            dataIndex: 'rate',
            render: rate,
            sorter: true,
            sortOrder: order,
            sortDirections: ['ascend', 'descend'],
          },
          ...(month === running
            ? []
            : [
                {
                  title: t('dashPeriods.inProgress', { month: running }),
                  key: 'running',
                  render: (_: unknown, row: ComplianceRow) => rate(runningRate(row.key)),
                },
              ]),
        ]}
      />
    </Card>
  );
}
