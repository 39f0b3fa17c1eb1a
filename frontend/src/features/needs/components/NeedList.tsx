import { useQueryClient } from '@tanstack/react-query';
import { Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useAreaNames, useDepartmentNames } from '@/lib/names';
import { Pager, useCursors } from '@/lib/paging';
import { DepartmentPicker } from '@/lib/pickers';
import { Failure, NoteButton } from '@/lib/write';

import {
  NEED_STATUSES,
  closeNeed,
  needKeys,
  startNeed,
  useNeeds,
  type Need,
  type NeedFilters,
  type NeedOrder,
  type NeedStatus,
} from '../api/needs';

const STATUS_COLORS: Record<NeedStatus, string> = {
  open: 'red',
  in_progress: 'blue',
  closed: 'default',
};

/** Needs raised on visits, the nearest deadline first: the household by name, the unit by the
 * department it was given to (or the text typed before departments); writers start them (giving
 * a department) and close them with a note, leaders only read. */
export function NeedList({
  canWrite,
  householdLink,
}: {
  canWrite: boolean;
  householdLink: (id: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [filters, setFilters] = useState<NeedFilters>({ status: 'open', order: 'due' });
  const cursors = useCursors();
  const cursor = cursors.cursor;
  const page = useNeeds(filters, cursor);
  const areas = useAreaNames(page.data?.items.map((n) => n.village_code) ?? []);
  const department = useDepartmentNames();
  const choose = (next: Partial<NeedFilters>) => {
    setFilters({ ...filters, ...next });
    cursors.reset();
  };
  const refresh = () => void client.invalidateQueries({ queryKey: needKeys.lists });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('followup.needs')}</Typography.Title>
      <Space wrap>
        <Select<NeedStatus | undefined>
          aria-label={t('followup.status')}
          allowClear
          placeholder={t('followup.allStatuses')}
          style={{ width: 200 }}
          value={filters.status}
          onChange={(status) => choose({ status })}
          options={NEED_STATUSES.map((value) => ({
            value,
            label: t(`followup.needStatus.${value}`),
          }))}
        />
        <Select<NeedOrder>
          aria-label={t('followup.order')}
          style={{ width: 200 }}
          value={filters.order}
          onChange={(order) => choose({ order })}
          options={(['due', 'raised'] as const).map((value) => ({
            value,
            label: t(`followup.needOrder.${value}`),
          }))}
        />
      </Space>
      <Failure error={page.error} />
      <Table<Need>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('followup.household'),
            dataIndex: 'household_name',
            render: (name: string, n) => (
              <Link to={householdLink(n.household_id)}>{name || t('followup.open')}</Link>
            ),
          },
          {
            title: t('followup.village'),
            dataIndex: 'village_code',
            render: (code: string) => areas.place(code),
          },
          { title: t('followup.description'), dataIndex: 'description' },
          {
            title: t('followup.unit'),
            dataIndex: 'responsible_unit',
            render: (unit: string, n) =>
              department(n.responsible_department_id, unit) || t('followup.noUnit'),
          },
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
                  fixed: 'right' as const,
                  key: 'actions',
                  render: (_: unknown, n: Need) => (
                    <Space>
                      {n.status === 'open' && (
                        <NoteButton
                          label={t('followup.start')}
                          title={t('followup.startTitle')}
                          extra={{
                            name: 'responsible_department_id',
                            label: t('followup.unit'),
                            initial: n.responsible_department_id ?? undefined,
                            input: <DepartmentPicker style={{ width: '100%' }} />,
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
