/** Alerts and needs: lists filtered by status, and the steps each takes with a note (If-Match). */
import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Alert = components['schemas']['AlertPublic'];
export type Need = components['schemas']['NeedPublic'];
export type AlertStatus = Alert['status'];
export type NeedStatus = components['schemas']['NeedStatus'];

const LIMIT = 50;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function listAlerts(status: AlertStatus | undefined, cursor: string | null) {
  return unwrap(api.GET('/api/v1/alerts', { params: { query: { limit: LIMIT, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } }));
}

export function acknowledgeAlert(alert: Alert, note: string): Promise<Alert> {
  return unwrap(
    api.POST('/api/v1/alerts/{alert_id}/acknowledge', { params: { path: { alert_id: alert.id }, header: ifMatch(alert.version) }, body: { note } }),
  );
}

export function closeAlert(alert: Alert, note: string): Promise<Alert> {
  return unwrap(api.POST('/api/v1/alerts/{alert_id}/close', { params: { path: { alert_id: alert.id }, header: ifMatch(alert.version) }, body: { note } }));
}

export function listNeeds(status: NeedStatus | undefined, cursor: string | null) {
  return unwrap(api.GET('/api/v1/needs', { params: { query: { limit: LIMIT, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } }));
}

export function startNeed(need: Need, note: string): Promise<Need> {
  return unwrap(api.POST('/api/v1/needs/{need_id}/start', { params: { path: { need_id: need.id }, header: ifMatch(need.version) }, body: { note } }));
}

export function closeNeed(need: Need, note: string): Promise<Need> {
  return unwrap(api.POST('/api/v1/needs/{need_id}/close', { params: { path: { need_id: need.id }, header: ifMatch(need.version) }, body: { note } }));
}
