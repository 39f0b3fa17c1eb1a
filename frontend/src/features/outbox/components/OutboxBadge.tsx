import { Badge } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { useOutboxCounts } from '../hooks/useOutbox';

/** How many writes wait on the phone; red when one was refused. */
export function OutboxBadge({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const { total, rejected } = useOutboxCounts();
  return (
    <Badge
      content={total > 0 ? total : null}
      color={rejected > 0 ? 'var(--adm-color-danger)' : 'var(--adm-color-primary)'}
      aria-label={total > 0 ? t('outbox.badge', { count: total }) : undefined}
      data-testid="outbox-badge"
    >
      {children}
    </Badge>
  );
}
