import { Button, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDateTime, formatList } from '@/lib/format';
import { Failure } from '@/lib/write';

import type { AuditEntry } from '../api/audit';
import { useAuditText } from './useAuditText';

interface Props {
  items: AuditEntry[];
  loading: boolean;
  error: unknown;
  more: boolean;
  onMore: () => void;
  /** leave out the record column (the household's own history) */
  compact?: boolean;
}

/** Entries newest first: a table on a desktop, a list of cards on a phone; "更多" loads on. */
export function AuditTable({ items, loading, error, more, onMore, compact }: Props) {
  const { t } = useTranslation();
  const text = useAuditText();
  const wide = Grid.useBreakpoint().md ?? true;
  const changes = (e: AuditEntry) =>
    // A new record's every field would bury the page: its fields' names say what it holds.
    e.action !== 'create' && e.changes.length > 0 ? (
      <Space direction="vertical" size={0}>
        {e.changes.map((c, i) => (
          <Typography.Text key={i}>{text.change(c)}</Typography.Text>
        ))}
      </Space>
    ) : (
      formatList([...new Set(e.fields.map(text.field))]) || '—'
    );
  const what = (e: AuditEntry) => (
    <Space size={4} wrap>
      <Tag color={e.kind === 'write' ? 'blue' : 'orange'}>{t(`audit.kinds.${e.kind}`)}</Tag>
      {text.action(e)}
      {!compact && text.resource(e.resource)}
    </Space>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Failure error={error} />
      {wide ? (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={items}
          pagination={false}
          columns={[
            { title: t('audit.at'), key: 'at', width: 150, render: (_, e) => formatDateTime(e.at) },
            { title: t('audit.who'), key: 'who', width: 120, render: (_, e) => text.who(e) },
            { title: t('audit.action'), key: 'what', width: 200, render: (_, e) => what(e) },
            { title: t('audit.changes'), key: 'changes', render: (_, e) => changes(e) },
            { title: t('audit.reason'), dataIndex: 'reason', width: 160 },
          ]}
        />
      ) : (
        <List<AuditEntry>
          loading={loading}
          dataSource={items}
          renderItem={(e) => (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text type="secondary">
                  {formatDateTime(e.at)} · {text.who(e)}
                </Typography.Text>
                {what(e)}
                {changes(e)}
                {e.reason && <Typography.Text type="secondary">{e.reason}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {more && (
        <Button onClick={onMore} loading={loading}>
          {t('audit.more')}
        </Button>
      )}
    </Space>
  );
}
