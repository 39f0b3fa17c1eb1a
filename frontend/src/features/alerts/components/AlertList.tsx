import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert as Notice, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError, problemText } from '@/lib/api';

import { acknowledgeAlert, closeAlert, listAlerts, type Alert, type AlertStatus } from '../api/alerts';
import { NoteButton } from './NoteButton';

const STATUS_COLORS: Record<AlertStatus, string> = { open: 'red', acknowledged: 'orange', closed: 'default' };

/** Alerts by status; writers acknowledge and close them with a note, leaders only read. */
export function AlertList({ canWrite, householdLink }: { canWrite: boolean; householdLink: (id: string) => string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<AlertStatus | undefined>('open');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useQuery({ queryKey: ['alerts', status, cursor], queryFn: () => listAlerts(status, cursor) });
  const refresh = () => void client.invalidateQueries({ queryKey: ['alerts'] });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('followup.alerts')}</Typography.Title>
      <Select<AlertStatus | undefined>
        aria-label={t('followup.status')}
        allowClear
        placeholder={t('followup.allStatuses')}
        style={{ width: 200 }}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setCursors([null]);
        }}
        options={(['open', 'acknowledged', 'closed'] as const).map((value) => ({ value, label: t(`followup.alertStatus.${value}`) }))}
      />
      {page.error && <Notice type="error" showIcon message={page.error instanceof ApiError ? problemText(page.error.problem) : t('common.retryLater')} />}
      <Table<Alert>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('followup.household'), dataIndex: 'head_name', render: (name: string, a) => <Link to={householdLink(a.household_id)}>{name}</Link> },
          { title: t('followup.rule'), dataIndex: 'rule', render: (rule: Alert['rule']) => t(`followup.rules.${rule}`) },
          { title: t('followup.period'), dataIndex: 'period' },
          { title: t('followup.status'), dataIndex: 'status', render: (s: AlertStatus) => <Tag color={STATUS_COLORS[s]}>{t(`followup.alertStatus.${s}`)}</Tag> },
          { title: t('followup.note'), dataIndex: 'note' },
          ...(canWrite
            ? [
                {
                  title: t('followup.actions'),
                  key: 'actions',
                  render: (_: unknown, a: Alert) => (
                    <Space>
                      {a.status === 'open' && (
                        <NoteButton label={t('followup.acknowledge')} title={t('followup.acknowledgeTitle')} run={(note) => acknowledgeAlert(a, note)} done={refresh} />
                      )}
                      {a.status !== 'closed' && <NoteButton label={t('followup.close')} title={t('followup.closeTitle')} run={(note) => closeAlert(a, note)} done={refresh} />}
                    </Space>
                  ),
                },
              ]
            : []),
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
