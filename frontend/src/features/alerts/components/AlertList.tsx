import { useQueryClient } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Pager, useCursors } from '@/lib/paging';
import { Failure, NoteButton } from '@/lib/write';
import { useSession } from '@/lib/hooks';

import {
  acknowledgeAlert,
  alertKeys,
  closeAlert,
  useAlerts,
  type Alert,
  type AlertFilters,
  type AlertStatus,
} from '../api/alerts';
import { useCadresUnder, useTownships } from '../api/people';
import { AlertFilterBar } from './AlertFilterBar';
import { AssignButton } from './AssignButton';

const STATUS_COLORS: Record<AlertStatus, string> = {
  open: 'red',
  acknowledged: 'orange',
  closed: 'default',
};

/** Alerts filtered by status, rule, township and cadre; writers acknowledge, assign and close them
 * (with a note), leaders only read. */
export function AlertList({
  canWrite,
  householdLink,
}: {
  canWrite: boolean;
  householdLink: (id: string) => string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const loginArea = useSession()?.me.area ?? '';
  const [filters, setFilters] = useState<AlertFilters>({ status: 'open' });
  const cursors = useCursors();
  const cursor = cursors.cursor;
  const page = useAlerts(filters, cursor);
  const townships = useTownships();
  const cadreArea = filters.area ?? loginArea;
  const cadres = useCadresUnder(cadreArea);
  // Names of every cadre the login sees, for the column (an alert carries the id only).
  const everyone = useCadresUnder('');
  const cadreNames = useMemo(
    () => new Map((everyone.data ?? []).map((c) => [c.id, c.name])),
    [everyone.data],
  );
  const refresh = () => void client.invalidateQueries({ queryKey: alertKeys.lists });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('followup.alerts')}</Typography.Title>
      <AlertFilterBar
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          cursors.reset();
        }}
        townships={townships.data ?? []}
        cadres={cadres.data ?? []}
      />
      <Failure error={page.error} />
      <Table<Alert>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('followup.household'),
            dataIndex: 'head_name',
            render: (name: string, a) => <Link to={householdLink(a.household_id)}>{name}</Link>,
          },
          {
            title: t('followup.rule'),
            dataIndex: 'rule',
            render: (rule: Alert['rule']) => t(`followup.rules.${rule}`),
          },
          { title: t('followup.period'), dataIndex: 'period' },
          {
            title: t('followup.status'),
            dataIndex: 'status',
            render: (s: AlertStatus) => (
              <Tag color={STATUS_COLORS[s]}>{t(`followup.alertStatus.${s}`)}</Tag>
            ),
          },
          {
            title: t('followup.cadre'),
            dataIndex: 'cadre_id',
            render: (id: string | null, a) =>
              id === null ? (
                t('common.none')
              ) : (
                <span>
                  {cadreNames.get(id) ?? t('followup.unknownCadre')}{' '}
                  {a.assigned && <Tag>{t('followup.assigned')}</Tag>}
                </span>
              ),
          },
          { title: t('followup.note'), dataIndex: 'note' },
          ...(canWrite
            ? [
                {
                  title: t('followup.actions'),
                  key: 'actions',
                  render: (_: unknown, a: Alert) => (
                    <Space>
                      {a.status === 'open' && (
                        <NoteButton
                          label={t('followup.acknowledge')}
                          title={t('followup.acknowledgeTitle')}
                          run={(note) => acknowledgeAlert(a, note)}
                          done={refresh}
                        />
                      )}
                      {a.status !== 'closed' && <AssignButton alert={a} done={refresh} />}
                      {a.status !== 'closed' && (
                        <NoteButton
                          label={t('followup.close')}
                          title={t('followup.closeTitle')}
                          run={(note) => closeAlert(a, note)}
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
