import { useQueryClient } from '@tanstack/react-query';
import { Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Pager, useCursors } from '@/lib/paging';
import { Failure, NoteButton } from '@/lib/write';

import {
  NEED_STATUSES,
  closeNeed,
  needKeys,
  startNeed,
  useNeeds,
  type Need,
  type NeedStatus,
} from '../api/needs';

const STATUS_COLORS: Record<NeedStatus, string> = {
  open: 'red',
  in_progress: 'blue',
  closed: 'default',
};

/** Needs raised on visits: writers start and close them with a note, leaders only read. */
export function NeedList({
  canWrite,
  householdLink,
}: {
  canWrite: boolean;
  householdLink: (id: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<NeedStatus | undefined>('open');
  const cursors = useCursors();
  const cursor = cursors.cursor;
  const page = useNeeds(status, cursor);
  const refresh = () => void client.invalidateQueries({ queryKey: needKeys.lists });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('followup.needs')}</Typography.Title>
      <Select<NeedStatus | undefined>
        aria-label={t('followup.status')}
        allowClear
        placeholder={t('followup.allStatuses')}
        style={{ width: 200 }}
        value={status}
        onChange={(value) => {
          setStatus(value);
          cursors.reset();
        }}
        options={NEED_STATUSES.map((value) => ({
          value,
          label: t(`followup.needStatus.${value}`),
        }))}
      />
      <Failure error={page.error} />
      <Table<Need>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('followup.household'),
            dataIndex: 'household_id',
            render: (id: string) => <Link to={householdLink(id)}>{t('followup.open')}</Link>,
          },
          { title: t('followup.description'), dataIndex: 'description' },
          { title: t('followup.unit'), dataIndex: 'responsible_unit' },
          {
            title: t('followup.due'),
            dataIndex: 'due_on',
            render: (due: string, n) => (n.overdue ? <Tag color="red">{due}</Tag> : due),
          },
          {
            title: t('followup.status'),
            dataIndex: 'status',
            render: (s: NeedStatus) => (
              <Tag color={STATUS_COLORS[s]}>{t(`followup.needStatus.${s}`)}</Tag>
            ),
          },
          ...(canWrite
            ? [
                {
                  title: t('followup.actions'),
                  key: 'actions',
                  render: (_: unknown, n: Need) => (
                    <Space>
                      {n.status === 'open' && (
                        <NoteButton
                          label={t('followup.start')}
                          title={t('followup.startTitle')}
                          extra={{
                            name: 'responsible_unit',
                            label: t('followup.unit'),
                            initial: n.responsible_unit,
                          }}
                          run={(note, unit) => startNeed(n, note, unit)}
                          done={refresh}
                        />
                      )}
                      {n.status !== 'closed' && (
                        <NoteButton
                          label={t('followup.close')}
                          title={t('followup.closeTitle')}
                          run={(note) => closeNeed(n, note)}
                          done={refresh}
                        />
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Pager cursors={cursors} next={page.data?.next_cursor} />
    </Space>
  );
}
