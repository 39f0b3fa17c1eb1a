import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { Pager, useCursors } from '@/lib/paging';
import { Failure } from '@/lib/write';
import { formatDateTime } from '@/lib/format';

import { useAudit, type AuditEntry } from '../api/audit';

/** Newest first, keyset paged. */
export function AuditList() {
  const { t } = useTranslation();
  const cursors = useCursors();
  const cursor = cursors.cursor;
  const page = useAudit(cursor);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
      <Failure error={page.error} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'at',
            render: (at: string) => formatDateTime(at),
          },
          { title: t('audit.who'), key: 'who', render: (_, e) => e.subject_name ?? e.subject },
          { title: t('audit.action'), dataIndex: 'action' },
          {
            title: t('audit.resource'),
            key: 'resource',
            render: (_, e) => `${e.resource} ${e.resource_id}`,
          },
          {
            title: t('audit.fields'),
            dataIndex: 'fields',
            render: (fields: string[]) => fields.join('、'),
          },
          { title: t('audit.reason'), dataIndex: 'reason' },
        ]}
      />
      <Pager cursors={cursors} next={page.data?.next_cursor} />
    </Space>
  );
}
