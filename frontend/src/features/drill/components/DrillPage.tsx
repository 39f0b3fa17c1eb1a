import { Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { useTopArea } from '@/lib/names';
import { useSession } from '@/lib/hooks';

import { BelowLineCard } from './BelowLineCard';
import { HouseholdsDrawer, type HouseholdList } from './HouseholdsDrawer';
import { lastEndedQuarter, recentMonths, recentQuarters } from './months';
import { SixOnesCard } from './SixOnesCard';
import { VisitsDrillCard, type DrillPlace } from './VisitsDrillCard';

const EXPLAINERS = ['county_admin', 'township_officer'];

/**
 * 下钻: visits county → township → village → cadre → the households not visited; the six ones by
 * area; the households under 13,000. The month, quarter, area and cadre live in the URL
 * (?month=2026-11&area=331126101&cadre=…), so the dashboard links here with its period.
 */
export function DrillPage() {
  const { t } = useTranslation();
  const me = useSession()?.me;
  const root = useTopArea();
  const [params, setParams] = useSearchParams();
  const [list, setList] = useState<HouseholdList | null>(null);
  const today = useMemo(() => new Date(), []);
  const months = useMemo(() => recentMonths(today), [today]);
  const quarters = useMemo(() => recentQuarters(today), [today]);
  const month = params.get('month') ?? months[0]!;
  const period = params.get('period') ?? lastEndedQuarter(today);
  const asked = params.get('area') ?? root;
  const area = asked.startsWith(root) ? asked : root;
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes))
      if (value === null) next.delete(key);
      else next.set(key, value);
    setParams(next);
  };
  const mayList = (me?.roles ?? []).some((role) => EXPLAINERS.includes(role));
  const place: DrillPlace = {
    root,
    area,
    cadre: params.get('cadre'),
    cadreName: params.get('cadre_name'),
    month,
    ended: month !== months[0],
    go: (code, cadre) =>
      set({ area: code, cadre: cadre?.id ?? null, cadre_name: cadre?.name ?? null }),
    open: mayList ? setList : null,
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('drill.title')}</Typography.Title>
      <Space wrap>
        <span>{t('drill.month')}</span>
        <Select
          aria-label={t('drill.month')}
          value={month}
          onChange={(value) => set({ month: value })}
          options={months.map((m, i) => ({
            value: m,
            label: i === 0 ? t('drill.runningMonth', { month: m }) : m,
          }))}
        />
      </Space>
      <VisitsDrillCard place={place} />
      <SixOnesCard place={place} />
      <BelowLineCard
        place={place}
        period={period}
        periods={quarters}
        onPeriod={(value) => set({ period: value })}
      />
      {list && <HouseholdsDrawer list={list} onClose={() => setList(null)} />}
    </Space>
  );
}
