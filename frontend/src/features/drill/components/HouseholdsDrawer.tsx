import { useQuery } from '@tanstack/react-query';
import { Drawer, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useAreaNames } from '@/lib/names';
import { Pager, useCursors } from '@/lib/paging';
import { Failure } from '@/lib/write';

import type { HouseholdPage, ListedHousehold } from '../api/drill';

export interface HouseholdList {
  /** What the list counts, with its period named. */
  title: string;
  key: unknown[];
  fetch: (cursor: string | null) => Promise<HouseholdPage>;
}

/** The households a figure counts, each linking to its page (/admin/households/:id). */
export function HouseholdsDrawer({ list, onClose }: { list: HouseholdList; onClose: () => void }) {
  const { t } = useTranslation();
  const cursors = useCursors();
  const page = useQuery({
    queryKey: ['drill-households', ...list.key, cursors.cursor],
    queryFn: () => list.fetch(cursors.cursor),
  });
  const items = page.data?.items ?? [];
  const names = useAreaNames(items.map((h) => h.village_code));
  const village = (code: string) => names.name(code) || t('drill.unknownVillage');
  const hasCadre = items.some((h) => h.cadre !== undefined);
  return (
    <Drawer open title={list.title} width={560} onClose={onClose}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Failure error={page.error} />
        <Table<ListedHousehold>
          rowKey="id"
          size="small"
          loading={page.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={items}
          locale={{ emptyText: t('drill.noHouseholds') }}
          columns={[
            {
              title: t('drill.household'),
              key: 'name',
              render: (_, h) => <Link to={`/admin/households/${h.id}`}>{h.name}</Link>,
            },
            {
              title: t('drill.village'),
              key: 'village',
              render: (_, h) => village(h.village_code),
            },
            ...(hasCadre
              ? [
                  {
                    title: t('dashboard.cadre'),
                    key: 'cadre',
                    render: (_: unknown, h: ListedHousehold) => h.cadre ?? '—',
                  },
                ]
              : []),
          ]}
        />
        <Typography.Text type="secondary">{t('drill.masked')}</Typography.Text>
        <Pager cursors={cursors} next={page.data?.next_cursor} />
      </Space>
    </Drawer>
  );
}
