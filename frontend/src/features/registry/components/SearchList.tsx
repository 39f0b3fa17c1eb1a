/** A list screen: its title and action, an inline filter form, the error if any, the table, paging. */
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Card, Form, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Pager, type useCursors } from '@/lib/paging';
import { Failure } from '@/lib/write';

import type { SearchPage } from '../hooks/useSearch';

interface Props<T, V> {
  title: string;
  /** Beside the title, e.g. the writer's "new" button. */
  action?: ReactNode;
  /** The filter form's Form.Items. */
  filters: ReactNode;
  initialValues?: Partial<V>;
  onSearch: (values: V) => void;
  /** From useSearch. */
  list: { page: UseQueryResult<SearchPage<T>>; cursors: ReturnType<typeof useCursors> };
  columns: TableColumnsType<T>;
}

export function SearchList<T extends { id: string }, V>({
  title,
  action,
  filters,
  initialValues,
  onSearch,
  list,
  columns,
}: Props<T, V>) {
  const { t } = useTranslation();
  const { page, cursors } = list;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {action}
      </Space>
      <Card>
        <Form layout="inline" initialValues={initialValues} onFinish={onSearch}>
          {filters}
          <Button type="primary" htmlType="submit">
            {t('registry.search')}
          </Button>
        </Form>
      </Card>
      <Failure error={page.error} />
      <Table<T>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
      />
      <Pager cursors={cursors} next={page.data?.next_cursor} />
    </Space>
  );
}
