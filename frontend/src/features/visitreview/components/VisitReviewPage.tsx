import { Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Pager, useCursors } from '@/lib/paging';
import { countyDay } from '@/lib/time';
import { Failure } from '@/lib/write';

import { lastCompletedMonth, monthChoices } from '../api/months';
import { useCadres, usePlaces, useVillageName } from '../api/places';
import { useVisitList, type Visit, type VisitFilters } from '../api/visits';
import { VisitDrawer } from './VisitDetail';
import { VisitFilterBar } from './VisitFilterBar';
import { VisitFlagTags } from './VisitFlags';

/** 走访: a township's visits by month (the last completed one first), cadre, village and flags;
 * a row opens the visit. Officers see their township, the county admin and leaders the county;
 * only those shown risk flags may filter by them (leaders are not). */
export function VisitReviewPage({
  canFilterRisk,
  householdLink,
}: {
  canFilterRisk: boolean;
  householdLink: (id: string) => string;
}) {
  const { t } = useTranslation();
  const months = useMemo(() => monthChoices(), []);
  const [filters, setFilters] = useState<VisitFilters>({ month: lastCompletedMonth(), flags: [] });
  const [opened, setOpened] = useState<string | null>(null);
  const cursors = useCursors();
  const page = useVisitList(filters, cursors.cursor);
  const places = usePlaces();
  const cadres = useCadres();
  const villageName = useVillageName();
  const running = filters.month === months.find((m) => m.kind === 'running')?.month;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('visitReview.heading')}</Typography.Title>
      <VisitFilterBar
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          cursors.reset();
        }}
        months={months}
        cadres={cadres.data ?? []}
        townships={places.data?.townships ?? []}
        villages={places.data?.villages ?? []}
        canFilterRisk={canFilterRisk}
      />
      <Typography.Text type="secondary">
        {t(running ? 'visitReview.showingRunning' : 'visitReview.showing', {
          month: filters.month,
        })}
      </Typography.Text>
      <Failure error={page.error ?? places.error ?? cadres.error} />
      <Table<Visit>
        rowKey="id"
        size="middle"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('visitReview.empty') }}
        onRow={(visit) => ({ onClick: () => setOpened(visit.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('visitReview.date'),
            dataIndex: 'occurred_at',
            render: (at: string) => countyDay(new Date(at)),
          },
          {
            title: t('visitReview.household'),
            dataIndex: 'household_name',
            render: (name: string | null, visit) => (
              <a
                onClick={(event) => {
                  event.stopPropagation();
                  setOpened(visit.id);
                }}
              >
                {name ?? t('visitReview.unknownHousehold')}
              </a>
            ),
          },
          {
            title: t('visitReview.village'),
            dataIndex: 'village_code',
            render: (code: string) => villageName(code) || t('visitReview.unknownVillage'),
          },
          {
            title: t('visitReview.cadre'),
            dataIndex: 'cadre_name',
            render: (name: string | null) => name ?? t('visitReview.unknownCadre'),
          },
          {
            title: t('visitReview.mode'),
            dataIndex: 'mode',
            render: (mode: Visit['mode']) => t(`enums.visitMode.${mode}`),
          },
          {
            title: t('visitReview.flagsLabel'),
            key: 'flags',
            render: (_: unknown, visit) => <VisitFlagTags flags={visit.flags} />,
          },
        ]}
      />
      <Pager cursors={cursors} next={page.data?.next_cursor} />
      <VisitDrawer visitId={opened} onClose={() => setOpened(null)} householdLink={householdLink} />
    </Space>
  );
}
