import { DatePicker, Form, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { AGGREGATES, useAuditLog, type AuditFilters, type AuditKind } from '../api/audit';
import { AuditTable } from './AuditTable';
import { useAuditText } from './useAuditText';

/** A picker the app gives from another feature (features never import each other). */
export type Picker = (props: {
  value?: string;
  onChange: (value: string | undefined) => void;
}) => React.ReactNode;

interface Props {
  /** picks a household (the registry's search) */
  householdPicker: Picker;
  /** picks a user (the accounts list) */
  userPicker: Picker;
  /** filters to start with (a household's page links here with its id) */
  initial?: AuditFilters;
}

// The county's day boundaries: midnight in Asia/Shanghai.
const dayStart = (day: Dayjs) => `${day.format('YYYY-MM-DD')}T00:00:00+08:00`;
const dayAfter = (day: Dayjs) => dayStart(day.add(1, 'day'));

/** The audit log, filterable by household, user, kind, record and dates; both services' logs. */
export function AuditList({ householdPicker, userPicker, initial }: Props) {
  const { t } = useTranslation();
  const text = useAuditText();
  const [filters, setFilters] = useState<AuditFilters>(initial ?? {});
  const set = (changes: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...changes }));
  const log = useAuditLog(filters);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('audit.household')}>
          {householdPicker({
            value: filters.household_id,
            onChange: (household_id) => set({ household_id }),
          })}
        </Form.Item>
        <Form.Item label={t('audit.who')}>
          {userPicker({ value: filters.subject, onChange: (subject) => set({ subject }) })}
        </Form.Item>
        <Form.Item label={t('audit.kind')}>
          <Select<AuditKind>
            allowClear
            style={{ width: 120 }}
            aria-label={t('audit.kind')}
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={(['write', 'read'] as const).map((k) => ({
              value: k,
              label: t(`audit.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('audit.resource')}>
          <Select<string>
            allowClear
            style={{ width: 160 }}
            aria-label={t('audit.resource')}
            value={filters.resource}
            onChange={(resource) => set({ resource })}
            options={Object.keys(AGGREGATES).map((r) => ({ value: r, label: text.resource(r) }))}
          />
        </Form.Item>
        <Form.Item label={t('audit.dates')}>
          <DatePicker.RangePicker
            format="YYYY-MM-DD"
            onChange={(range) =>
              set({
                from: range?.[0] ? dayStart(range[0]) : undefined,
                to: range?.[1] ? dayAfter(range[1]) : undefined,
              })
            }
          />
        </Form.Item>
      </Form>
      <AuditTable
        items={log.items}
        loading={log.isFetching}
        error={log.error}
        more={log.more}
        onMore={() => void log.fetchNextPage()}
      />
    </Space>
  );
}
