/** Alerts: the filtered list, and the steps each takes with a note (If-Match): acknowledge, assign, close. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Alert = components['schemas']['AlertPublic'];
export type AlertStatus = Alert['status'];

const LIMIT = 50;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export type AlertRule = Alert['rule'];
export const ALERT_RULES: AlertRule[] = [
  'income_below_line',
  'income_drop',
  'visit_risk',
  'visit_overdue',
];

/** What the alert list is filtered by (each optional). */
export interface AlertFilters {
  status?: AlertStatus;
  rule?: AlertRule;
  area?: string;
  cadre_id?: string;
}

/** The filters as the API's query: only those set. */
export function alertQuery(filters: AlertFilters, cursor: string | null) {
  const set = Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as AlertFilters;
  return { limit: LIMIT, ...set, ...(cursor ? { cursor } : {}) };
}

/** Query keys: every alert list (as filtered and paged). */
export const alertKeys = {
  lists: ['alerts'] as const,
};

export function listAlerts(filters: AlertFilters, cursor: string | null) {
  return unwrap(api.GET('/api/v1/alerts', { params: { query: alertQuery(filters, cursor) } }));
}

export const alertListOptions = (filters: AlertFilters, cursor: string | null) =>
  queryOptions({
    queryKey: [...alertKeys.lists, filters, cursor],
    queryFn: () => listAlerts(filters, cursor),
  });

export const useAlerts = (filters: AlertFilters, cursor: string | null) =>
  useQuery(alertListOptions(filters, cursor));

/** Who an alert is given to: a cadre, or a department (单位). */
export type Assignee = { cadre_id: string } | { department_id: string };

/** Name the cadre or the department who handles the alert (officers, the county admin); a
 * closed one cannot be. */
export function assignAlert(alert: Alert, to: Assignee, note: string): Promise<Alert> {
  return unwrap(
    api.POST('/api/v1/alerts/{alert_id}/assign', {
      params: { path: { alert_id: alert.id }, header: ifMatch(alert.version) },
      body: { ...to, note },
    }),
  );
}

export function acknowledgeAlert(alert: Alert, note: string): Promise<Alert> {
  return unwrap(
    api.POST('/api/v1/alerts/{alert_id}/acknowledge', {
      params: { path: { alert_id: alert.id }, header: ifMatch(alert.version) },
      body: { note },
    }),
  );
}

export function closeAlert(alert: Alert, note: string): Promise<Alert> {
  return unwrap(
    api.POST('/api/v1/alerts/{alert_id}/close', {
      params: { path: { alert_id: alert.id }, header: ifMatch(alert.version) },
      body: { note },
    }),
  );
}
