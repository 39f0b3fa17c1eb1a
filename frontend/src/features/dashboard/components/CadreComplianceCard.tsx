import { Card, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatCount, formatPeriod, formatRate } from '@/lib/format';
import { Failure } from '@/lib/write';

import {
  sortByRate,
  useCadreCompliance,
  useTownshipCompliance,
  useTownshipNames,
  type ComplianceRow,
} from '../api/compliance';

type Order = 'ascend' | 'descend';

/** This month's visit compliance of each cadre in a chosen township, sortable by rate. */
export function CadreComplianceCard() {
  const { t } = useTranslation();
  // The townships the login sees (an officer: their own), as the township card reads them.
  const townships = useTownshipCompliance();
  const names = useTownshipNames();
  const [chosen, setChosen] = useState<string | undefined>();
  const township = chosen ?? townships.data?.items[0]?.key;
  const cadres = useCadreCompliance(township);
  const [order, setOrder] = useState<Order>('ascend');
  const rows = useMemo(() => sortByRate(cadres.data?.items ?? [], order), [cadres.data, order]);
  const rate = (value: string | null) => (value === null ? t('common.none') : formatRate(value));
  return (
    <Card
      role="region"
      aria-label={t('dashboard.cadreCompliance', { month: formatPeriod(cadres.data?.month) })}
      title={t('dashboard.cadreCompliance', { month: formatPeriod(cadres.data?.month) })}
      extra={
        <Space>
          <label htmlFor="cadre-compliance-township">{t('dashboard.township')}</label>
          <Select<string>
            id="cadre-compliance-township"
            style={{ width: 180 }}
            value={township}
            onChange={setChosen}
            options={(townships.data?.items ?? []).map((row) => ({
              value: row.key,
              label: names.data?.get(row.key) ?? row.key,
            }))}
          />
        </Space>
      }
    >
      <Failure error={townships.error ?? cadres.error} />
      <Table<ComplianceRow>
        rowKey="key"
        size="small"
        loading={cadres.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={rows}
        locale={{ emptyText: t('dashboard.empty') }}
        onChange={(_, __, sorter) => {
          const next = Array.isArray(sorter) ? sorter[0]?.order : sorter.order;
          setOrder(next === 'descend' ? 'descend' : 'ascend');
        }}
        columns={[
          { title: t('dashboard.cadre'), key: 'name', render: (_, row) => row.name ?? row.key },
          { title: t('dashboard.due'), dataIndex: 'due', render: formatCount },
          { title: t('dashboard.visited'), dataIndex: 'visited', render: formatCount },
          // Sorted here (nothing due stays last either way), so antd only shows the order.
          {
            title: t('dashboard.rate'),
            dataIndex: 'rate',
            render: rate,
            sorter: true,
            sortOrder: order,
            sortDirections: ['ascend', 'descend'],
          },
        ]}
      />
    </Card>
  );
}
