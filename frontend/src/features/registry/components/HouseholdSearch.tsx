import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError, problemText } from '@/lib/api';

import { searchHouseholds, type Household, type HouseholdFilter } from '../api/households';

/** Search by name (exact, or a prefix with *), ID number, village and category; keyset paging. */
export function HouseholdSearch({ linkTo, newLink }: { linkTo: (id: string) => string; newLink: string | null }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<HouseholdFilter>({});
  // The cursors of the pages before this one: "previous" pops, "next" pushes.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useQuery({ queryKey: ['admin-households', filter, cursor], queryFn: () => searchHouseholds(filter, cursor) });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('registry.households')}
        </Typography.Title>
        {newLink && (
          <Link to={newLink}>
            <Button>{t('registry.newHousehold')}</Button>
          </Link>
        )}
      </Space>
      <Card>
        <Form
          layout="inline"
          onFinish={(values: HouseholdFilter) => {
            setFilter(values);
            setCursors([null]);
          }}
        >
          <Form.Item name="name" label={t('registry.name')} tooltip={t('registry.nameHint')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="idNumber" label={t('registry.idNumber')}>
            <Input allowClear autoComplete="off" />
          </Form.Item>
          <Form.Item name="village" label={t('registry.village')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="category" label={t('registry.category')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={(['small_farmer', 'low_income'] as const).map((value) => ({ value, label: t(`enums.category.${value}`) }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('registry.search')}
          </Button>
        </Form>
      </Card>
      {page.error && <Alert type="error" showIcon message={page.error instanceof ApiError ? problemText(page.error.problem) : t('common.retryLater')} />}
      <Table<Household>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('registry.head'), dataIndex: 'head_name', render: (name: string, h) => <Link to={linkTo(h.id)}>{name}</Link> },
          { title: t('registry.village'), dataIndex: 'village_code' },
          { title: t('registry.address'), dataIndex: 'address' },
          { title: t('registry.category'), dataIndex: 'category', render: (c: Household['category']) => t(`enums.category.${c}`) },
          { title: t('registry.members'), key: 'members', render: (_, h) => h.members.length },
        ]}
      />
      <Space>
        <Button disabled={cursors.length < 2} onClick={() => setCursors((list) => list.slice(0, -1))}>
          {t('registry.previous')}
        </Button>
        <Button disabled={!page.data?.next_cursor} onClick={() => setCursors((list) => [...list, page.data?.next_cursor ?? null])}>
          {t('registry.next')}
        </Button>
      </Space>
    </Space>
  );
}
