import { Breadcrumb, Button, Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAreaNames } from '@/lib/names';
import { formatCount, formatRate } from '@/lib/format';
import { Failure } from '@/lib/write';

import { dueHouseholds, levelBelow, useCompliance, type Visited } from '../api/drill';
import { CountButton } from './CountButton';
import type { HouseholdList } from './HouseholdsDrawer';

type Row = { key: string; name: string; due: number; visited: number; rate: string | null };

export interface DrillPlace {
  root: string;
  area: string;
  cadre: string | null;
  cadreName: string | null;
  month: string;
  /** the month is over: households not visited are overdue, not pending */
  ended: boolean;
  go: (area: string, cadre?: { id: string; name: string }) => void;
  open: ((list: HouseholdList) => void) | null;
}

/** Visit compliance county → township → village → cadre, then the cadre's households not yet visited. */
export function VisitsDrillCard({ place }: { place: DrillPlace }) {
  const { t } = useTranslation();
  const { root, area, cadre, cadreName, month, ended, go, open } = place;
  const compliance = useCompliance(area, month);
  const level = levelBelow(area);
  const trail = [root];
  for (const length of [9, 12])
    if (area.length >= length && length > root.length) trail.push(area.slice(0, length));
  const rowAreas = level === 'cadre' ? [] : (compliance.data?.items ?? []).map((r) => r.key);
  const names = useAreaNames([...trail, ...rowAreas]);
  const nameOf = (code: string, i: number) => (i === 0 ? t('drill.myArea') : names.name(code));

  const list = (what: Visited, key: string, label: string, cadreId: string | null) =>
    open &&
    (() =>
      open({
        title: t('drill.listTitle', { what: label, month }),
        key: ['due', key, cadreId, month, what],
        fetch: (cursor) => dueHouseholds(key, month, what, cadreId, ended, cursor),
      }));
  const rowArea = (key: string) => (level === 'cadre' ? area : key);
  const rowCadre = (key: string) => (level === 'cadre' ? key : null);
  const rows: Row[] = (compliance.data?.items ?? []).map((r) => ({
    key: r.key,
    name: level === 'cadre' ? (r.name ?? t('drill.unnamedCadre')) : names.name(r.key),
    due: r.due,
    visited: r.visited,
    rate: r.rate,
  }));

  return (
    <Card title={t('drill.visitsTitle', { month })}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          ...trail.map((code, i) => ({
            key: code,
            title:
              code === area && !cadre ? (
                nameOf(code, i)
              ) : (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => go(code)}>
                  {nameOf(code, i)}
                </Button>
              ),
          })),
          ...(cadre ? [{ key: 'cadre', title: cadreName ?? t('drill.unnamedCadre') }] : []),
        ]}
      />
      <Failure error={compliance.error} />
      {cadre ? (
        <Button
          type="primary"
          onClick={() => list('not', area, t('drill.notVisitedOf', { name: cadreName }), cadre)?.()}
        >
          {t('drill.openNotVisited', { name: cadreName })}
        </Button>
      ) : (
        <Table<Row>
          rowKey="key"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          loading={compliance.isLoading}
          dataSource={rows}
          locale={{ emptyText: t('drill.nobodyDue') }}
          columns={[
            {
              title: t(`drill.levels.${level}`),
              key: 'name',
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() =>
                    level === 'cadre' ? go(area, { id: r.key, name: r.name }) : go(r.key)
                  }
                >
                  {r.name}
                </Button>
              ),
            },
            {
              title: t('dashboard.due'),
              key: 'due',
              align: 'right',
              render: (_, r) => (
                <CountButton
                  count={r.due}
                  label={`${r.name} ${t('dashboard.due')}`}
                  onOpen={list(
                    'all',
                    rowArea(r.key),
                    `${r.name} ${t('dashboard.due')}`,
                    rowCadre(r.key),
                  )}
                />
              ),
            },
            {
              title: t('dashboard.visited'),
              key: 'visited',
              align: 'right',
              render: (_, r) => (
                <CountButton
                  count={r.visited}
                  label={`${r.name} ${t('dashboard.visited')}`}
                  onOpen={list(
                    'visited',
                    rowArea(r.key),
                    `${r.name} ${t('dashboard.visited')}`,
                    rowCadre(r.key),
                  )}
                />
              ),
            },
            {
              title: t('drill.notVisited'),
              key: 'not',
              align: 'right',
              render: (_, r) => (
                <CountButton
                  count={r.due - r.visited}
                  label={`${r.name} ${t('drill.notVisited')}`}
                  onOpen={list(
                    'not',
                    rowArea(r.key),
                    `${r.name} ${t('drill.notVisited')}`,
                    rowCadre(r.key),
                  )}
                />
              ),
            },
            {
              title: t('dashboard.rate'),
              key: 'rate',
              align: 'right',
              render: (_, r) => formatRate(r.rate),
            },
          ]}
          summary={() =>
            compliance.data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('dashboard.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {formatCount(compliance.data.total.due)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {formatCount(compliance.data.total.visited)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {formatCount(compliance.data.total.due - compliance.data.total.visited)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {formatRate(compliance.data.total.rate)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </Card>
  );
}
