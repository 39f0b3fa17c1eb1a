import { useQuery } from '@tanstack/react-query';
import { DotLoading, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { openAlertsOf } from '../api/followups';

/** The household's alerts (动态监测预警) not yet closed. */
export function OpenAlerts({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const { data: alerts = [], isLoading, isError } = useQuery(openAlertsOf(householdId));
  return (
    <List header={t('openItems.alerts', { count: alerts.length })}>
      {isLoading && (
        <List.Item>
          <DotLoading />
        </List.Item>
      )}
      {!isLoading && !alerts.length && (
        <List.Item>{isError ? t('openItems.unavailable') : t('openItems.noAlerts')}</List.Item>
      )}
      {alerts.map((alert) => (
        <List.Item
          key={alert.id}
          description={[alert.period, alert.note].filter(Boolean).join(' · ')}
          extra={
            <Tag color={alert.status === 'open' ? 'danger' : 'warning'}>
              {t(`followup.alertStatus.${alert.status}`)}
            </Tag>
          }
        >
          {t(`followup.rules.${alert.rule}`)}
        </List.Item>
      ))}
    </List>
  );
}
