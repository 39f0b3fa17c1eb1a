import { List, Tag, DotLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { problemMessage } from '@/lib/api/problemWords';
import { formatDateTime, formatList } from '@/lib/format';

import { useQueuedVisits, useVisits } from '../hooks/useVisits';

interface Props {
  householdId: string;
  /** open a queued visit (e.g. to correct a refused one) */
  onOpenQueued?: (id: string) => void;
  /** open a visit the server holds (read-only) */
  onOpen?: (id: string) => void;
}

interface Summarised {
  needs_raised?: string[];
  actions_taken?: string;
  observations?: {
    income?: string | null;
    employment?: string | null;
    housing?: string | null;
  } | null;
}

function summary(visit: Summarised): string {
  const seen = visit.observations;
  return [
    seen?.income,
    seen?.employment,
    seen?.housing,
    formatList(visit.needs_raised ?? []),
    visit.actions_taken,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The household's visits: those still on the phone first, then the server's, newest first. */
export function VisitList({ householdId, onOpenQueued, onOpen }: Props) {
  const { t } = useTranslation();
  const { data, isLoading } = useVisits(householdId);
  const queued = useQueuedVisits(householdId);
  const when = formatDateTime;
  const visits = data?.items ?? [];

  return (
    <List header={t('visits.title')}>
      {queued.map(({ entry, body }) => (
        <List.Item
          key={entry.id}
          onClick={onOpenQueued ? () => onOpenQueued(entry.id) : undefined}
          description={entry.rejection ? problemMessage(entry.rejection.problem, t) : summary(body)}
          extra={
            entry.status === 'rejected' ? (
              <Tag color="danger">{t('outbox.rejected')}</Tag>
            ) : (
              <Tag color="primary">{t('outbox.waiting')}</Tag>
            )
          }
        >
          {when(body.occurred_at)} · {t(`enums.visitMode.${body.mode}`)}
        </List.Item>
      ))}
      {isLoading && (
        <List.Item>
          <DotLoading />
        </List.Item>
      )}
      {!isLoading && !visits.length && !queued.length && <List.Item>{t('visits.none')}</List.Item>}
      {visits
        .filter((visit) => !queued.some(({ entry }) => entry.id === visit.id))
        .map((visit) => (
          <List.Item
            key={visit.id}
            onClick={onOpen ? () => onOpen(visit.id) : undefined}
            arrowIcon={Boolean(onOpen)}
            description={summary(visit)}
            extra={
              <span className="row-tags">
                {visit.photo_ids.length > 0 && (
                  <Tag>{t('visits.photos', { count: visit.photo_ids.length })}</Tag>
                )}
                {visit.flags.far_from_home && <Tag color="warning">{t('visits.farFromHome')}</Tag>}
                {visit.flags.late_entry && <Tag color="warning">{t('visits.lateEntry')}</Tag>}
              </span>
            }
          >
            {when(visit.occurred_at)} · {t(`enums.visitMode.${visit.mode}`)}
          </List.Item>
        ))}
    </List>
  );
}
