import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DotLoading, ErrorBlock, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { formatDateTime, formatList } from '@/lib/format';
import { ApiError } from '@/lib/api/problems';

import { visitById, visitsOf, type Visit } from '../api/visits';

interface Props {
  householdId: string;
  visitId: string;
}

/** The visit as it was recorded, read-only: from the household's list already on the phone, else fetched. */
export function VisitView({ householdId, visitId }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const listed = client
    .getQueryData(visitsOf(householdId).queryKey)
    ?.items.find((visit) => visit.id === visitId);
  const {
    data: visit,
    isLoading,
    error,
  } = useQuery({ ...visitById(visitId), initialData: listed });
  if (!visit) {
    if (isLoading) return <DotLoading />;
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <ErrorBlock
        status={notFound ? 'empty' : 'disconnected'}
        title={notFound ? t('visits.notFound') : t('visits.loadFailed')}
        description=""
      />
    );
  }
  return <VisitRecord visit={visit} />;
}

function VisitRecord({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const text = (value: string | null | undefined) =>
    value === null ? t('visits.hidden') : value?.trim() || t('visits.nothing');
  const row = (label: string, value: React.ReactNode) => (
    <List.Item description={<span className="record-text">{value}</span>}>{label}</List.Item>
  );
  return (
    <div data-testid="visit-view">
      <List header={t('visits.open')}>
        <List.Item
          extra={
            <span className="row-tags">
              {visit.flags.far_from_home && <Tag color="warning">{t('visits.farFromHome')}</Tag>}
              {visit.flags.late_entry && <Tag color="warning">{t('visits.lateEntry')}</Tag>}
            </span>
          }
          description={t(`enums.visitMode.${visit.mode}`)}
        >
          {formatDateTime(visit.occurred_at)}
        </List.Item>
        {visit.backdate_reason && row(t('visit.backdateReason'), visit.backdate_reason)}
      </List>
      <List header={t('visit.observations')}>
        {row(t('visit.observation.income'), text(visit.observations.income))}
        {row(t('visit.observation.employment'), text(visit.observations.employment))}
        {row(t('visit.observation.housing'), text(visit.observations.housing))}
        {row(t('visit.observation.health'), text(visit.observations.health))}
      </List>
      <List header={t('visit.followUp')}>
        {row(
          t('visit.needs'),
          visit.needs_raised.length ? visit.needs_raised.join('\n') : text(''),
        )}
        {row(t('visit.actionsTaken'), text(visit.actions_taken))}
        {row(t('visit.actionsPromised'), text(visit.actions_promised))}
        {row(
          t('visit.riskFlags'),
          visit.risk_flags === null
            ? t('visits.hidden')
            : formatList(visit.risk_flags.map((flag) => t(`enums.riskFlag.${flag}`))) ||
                t('visits.nothing'),
        )}
      </List>
      <List header={t('visit.photosAndPlace')}>
        {row(
          t('visit.photos.label'),
          visit.photo_ids.length ? t('visits.photos', { count: visit.photo_ids.length }) : text(''),
        )}
        {row(
          t('visits.gps'),
          visit.flags.distance_m !== null
            ? t('visits.distance', { metres: visit.flags.distance_m.toLocaleString('zh-CN') })
            : visit.latitude !== null
              ? `${visit.latitude.toFixed(5)}, ${visit.longitude?.toFixed(5)}`
              : t('visit.location.none'),
        )}
        {row(t('visits.recordedAt'), formatDateTime(visit.received_at))}
      </List>
    </div>
  );
}
