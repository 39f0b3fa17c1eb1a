import { useQueryClient } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useAreaNames, useDepartmentNames } from '@/lib/names';
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
import { alertReason } from '../api/reasons';
import { AlertFilterBar } from './AlertFilterBar';
import { AssignButton } from './AssignButton';

const STATUS_COLORS: Record<AlertStatus, string> = {
  open: 'red',
  acknowledged: 'orange',
  closed: 'default',
};

/** Alerts filtered by status, rule, township and cadre, each saying which risk in words (a
 * visit's health flags to those who handle alerts only); writers acknowledge, assign (to a cadre
 * or a department) and close them (with a note), leaders only read. */
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
  const areas = useAreaNames(page.data?.items.map((a) => a.village_code) ?? []);
  const department = useDepartmentNames();
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
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('followup.household'),
            dataIndex: 'head_name',
            render: (name: string, a) => <Link to={householdLink(a.household_id)}>{name}</Link>,
          },
          {
            title: t('followup.village'),
            dataIndex: 'village_code',
            render: (code: string) => areas.place(code),
          },
          {
            title: t('followup.rule'),
            dataIndex: 'rule',
            render: (rule: Alert['rule']) => t(`followup.rules.${rule}`),
          },
          {
            title: t('followup.risk'),
            key: 'reason',
            width: 260,
            // Health facts (risk flags) to those who handle alerts: the writers.
            render: (_: unknown, a: Alert) => alertReason(a, t, canWrite),
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
            title: t('followup.handler'),
            dataIndex: 'cadre_id',
            render: (id: string | null, a) => (
              <Space size={4} wrap>
                {id === null
                  ? !a.department_id && t('common.none')
                  : (cadreNames.get(id) ?? t('followup.unknownCadre'))}
                {a.assigned && <Tag>{t('followup.assigned')}</Tag>}
                {a.department_id && (
                  <Tag color="blue">{department(a.department_id, t('followup.department'))}</Tag>
                )}
              </Space>
            ),
          },
          { title: t('followup.note'), dataIndex: 'note' },
          ...(canWrite
            ? [
                {
                  title: t('followup.actions'),
                  fixed: 'right' as const,
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
