import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { countyDay } from '@/lib/time';
import { Failure } from '@/lib/write';

import { useVisitsOf, type Visit } from '../api/record';
import { formatDateTime } from '@/lib/format';

interface Props {
  householdId: string;
  /** open one visit (the visits feature's detail, given by the app); none: no link */
  openVisit?: (visit: Visit) => void;
}

/** The household's visits, newest first, with their flags: far from home (with the distance),
 * entered late, risks; and how many photos. */
export function VisitTable({ householdId, openVisit }: Props) {
  const { t } = useTranslation();
  const visits = useVisitsOf(householdId);
  const flags = (v: Visit) => (
    <>
      {v.flags.far_from_home && (
        <Tag color="orange">
          {v.flags.distance_m != null
            ? t('record.farFrom', { metres: v.flags.distance_m.toLocaleString('en-US') })
            : t('visits.farFromHome')}
        </Tag>
      )}
      {v.flags.late_entry && <Tag color="gold">{t('visits.lateEntry')}</Tag>}
      {(v.risk_flags ?? []).map((flag) => (
        <Tag color="red" key={flag}>
          {t(`enums.riskFlag.${flag}`)}
        </Tag>
      ))}
    </>
  );
  return (
    <>
      <Failure error={visits.error} />
      <Table<Visit>
        rowKey="id"
        size="small"
        loading={visits.isFetching}
        dataSource={visits.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('visits.none') }}
        onRow={(v) =>
          openVisit ? { onClick: () => openVisit(v), style: { cursor: 'pointer' } } : {}
        }
        columns={[
          {
            title: t('visit.occurredAt'),
            key: 'at',
            render: (_, v) => formatDateTime(v.occurred_at),
          },
          { title: t('visit.mode'), key: 'mode', render: (_, v) => t(`enums.visitMode.${v.mode}`) },
          {
            title: t('record.seenAndDone'),
            key: 'what',
            render: (_, v) =>
              [v.observations.income, v.actions_taken, v.needs_raised.join('；')]
                .filter(Boolean)
                .join(' · ') || '—',
          },
          { title: t('record.flags'), key: 'flags', render: (_, v) => flags(v) },
          {
            title: t('record.photos'),
            key: 'photos',
            render: (_, v) =>
              v.photo_ids.length ? t('visits.photos', { count: v.photo_ids.length }) : '—',
          },
          {
            title: t('record.entered'),
            key: 'received',
            render: (_, v) => countyDay(new Date(v.received_at)),
          },
        ]}
      />
    </>
  );
}
