import { List, SearchBar, Tag, ErrorBlock, DotLoading, PullToRefresh } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useOnline } from '@/lib/hooks';
import { formatDate, formatDateTime } from '@/lib/format';

import { matchesName, useMyHouseholds, type Due, type MyHousehold } from '../hooks/useMyHouseholds';
import { usePrefetchHouseholds } from '../hooks/usePrefetchHouseholds';
import { useVillageNames } from '../hooks/useVillageNames';

const TAG_COLOR: Record<Due, string> = {
  overdue: 'danger',
  pending: 'warning',
  visited: 'success',
};
const GROUPS: Due[] = ['overdue', 'pending', 'visited'];

interface Props {
  onOpen: (household: MyHousehold) => void;
  /** how many queued visits wait per household (shown beside it) */
  queuedFor?: (householdId: string) => number;
}

/** My households: overdue first, then due this month, then visited; searchable by name. */
export function HouseholdList({ onOpen, queuedFor }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { households, month, isLoading, error, savedAt, refetch } = useMyHouseholds();
  const shown = useMemo(() => households.filter((h) => matchesName(h, query)), [households, query]);
  const ids = useMemo(() => households.map((h) => h.id), [households]);
  usePrefetchHouseholds(ids, useOnline());
  const villageCodes = useMemo(() => households.map((h) => h.villageCode), [households]);
  const villageName = useVillageNames(villageCodes);

  if (isLoading) {
    return (
      <div className="centered" role="status">
        {t('common.loading')}
        <DotLoading />
      </div>
    );
  }
  if (error && !households.length) {
    return (
      <ErrorBlock
        status="disconnected"
        title={t('households.loadFailed')}
        description={t('common.retryLater')}
      />
    );
  }

  return (
    <PullToRefresh onRefresh={async () => void (await refetch())}>
      <div className="search">
        <SearchBar
          placeholder={t('households.search')}
          value={query}
          onChange={setQuery}
          aria-label={t('households.search')}
        />
      </div>
      {error && savedAt > 0 && (
        <p className="stale-note" role="status">
          {t('households.keptFrom', { time: formatDateTime(new Date(savedAt)) })}
        </p>
      )}
      {month && <p className="month-note">{t('households.month', { month })}</p>}
      {!shown.length && (
        <ErrorBlock
          status="empty"
          title={query ? t('households.noMatch') : t('households.none')}
          description=""
        />
      )}
      {GROUPS.map((group) => {
        const items = shown.filter((h) => h.due === group);
        if (!items.length) return null;
        return (
          <List key={group} header={`${t(`households.group.${group}`)} (${items.length})`}>
            {items.map((household) => {
              const queued = queuedFor?.(household.id) ?? 0;
              return (
                <List.Item
                  key={household.id}
                  onClick={() => onOpen(household)}
                  arrowIcon
                  description={`${villageName(household.villageCode)} · ${
                    household.lastVisitAt
                      ? t('households.lastVisit', {
                          date: formatDate(household.lastVisitAt),
                        })
                      : t('households.neverVisited')
                  }`}
                  extra={
                    <span className="row-tags">
                      {queued > 0 && (
                        <Tag color="primary">{t('households.queued', { count: queued })}</Tag>
                      )}
                      <Tag color={TAG_COLOR[household.due]}>
                        {t(`households.status.${household.due}`)}
                      </Tag>
                    </span>
                  }
                >
                  {household.headName}
                </List.Item>
              );
            })}
          </List>
        );
      })}
    </PullToRefresh>
  );
}
