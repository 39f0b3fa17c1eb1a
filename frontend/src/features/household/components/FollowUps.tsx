import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { countyDay } from '@/lib/time';
import { Failure } from '@/lib/write';

import { useAlertsOf, useNeedsOf, type Alert, type Need } from '../api/record';

const day = (iso: string | null) => (iso ? countyDay(new Date(iso)) : '—');

/** Every need raised for the household, open ones first, with the unit and the deadline. */
export function NeedTable({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const needs = useNeedsOf(householdId);
  const items = [...(needs.data?.items ?? [])].sort(
    (a, b) =>
      Number(a.status === 'closed') - Number(b.status === 'closed') ||
      a.due_on.localeCompare(b.due_on),
  );
  return (
    <>
      <Failure error={needs.error} />
      <Table<Need>
        rowKey="id"
        size="small"
        loading={needs.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('record.noNeeds') }}
        columns={[
          { title: t('followup.description'), dataIndex: 'description' },
          {
            title: t('followup.status'),
            key: 'status',
            render: (_, n) => (
              <>
                <Tag color={n.status === 'closed' ? 'green' : 'blue'}>
                  {t(`followup.needStatus.${n.status}`)}
                </Tag>
                {n.overdue && <Tag color="red">{t('record.overdue')}</Tag>}
              </>
            ),
          },
          { title: t('followup.unit'), key: 'unit', render: (_, n) => n.responsible_unit || '—' },
          { title: t('record.raised'), key: 'raised', render: (_, n) => day(n.raised_at) },
          { title: t('followup.due'), dataIndex: 'due_on' },
          { title: t('record.closed'), key: 'closed', render: (_, n) => day(n.closed_at) },
          {
            title: t('followup.note'),
            key: 'note',
            render: (_, n) => n.close_note || n.start_note || '—',
          },
        ]}
      />
    </>
  );
}

/** The household's alerts, every status. */
export function AlertTable({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const alerts = useAlertsOf(householdId);
  return (
    <>
      <Failure error={alerts.error} />
      <Table<Alert>
        rowKey="id"
        size="small"
        loading={alerts.isFetching}
        dataSource={alerts.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('record.noAlerts') }}
        columns={[
          {
            title: t('followup.rule'),
            key: 'rule',
            render: (_, a) => t(`followup.rules.${a.rule}`),
          },
          { title: t('followup.period'), dataIndex: 'period' },
          {
            title: t('followup.status'),
            key: 'status',
            render: (_, a) => t(`followup.alertStatus.${a.status}`),
          },
          { title: t('record.raised'), key: 'created', render: (_, a) => day(a.created_at) },
          { title: t('followup.note'), key: 'note', render: (_, a) => a.note || '—' },
        ]}
      />
    </>
  );
}
