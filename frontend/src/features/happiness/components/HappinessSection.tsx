import { Button, DotLoading, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { problemMessage } from '@/lib/api/problemWords';
import { formatMoney } from '@/lib/format';

import { useHappiness, useQueuedItems } from '../hooks/useHappiness';

interface Props {
  householdId: string;
  year: number;
  onAdd: () => void;
  /** open an item still on the phone (e.g. to correct a refused one) */
  onOpenQueued: (id: string) => void;
}

/** The year's happiness list with its total; items still on the phone first. */
export function HappinessSection({ householdId, year, onAdd, onOpenQueued }: Props) {
  const { t } = useTranslation();
  const { data, isLoading, isError } = useHappiness(householdId, year);
  const queued = useQueuedItems(householdId);
  const items = (data?.items ?? []).filter(
    (item) => !queued.some(({ entry }) => entry.id === item.id),
  );

  return (
    <List header={t('happiness.title', { year })}>
      {data && (
        <List.Item
          extra={formatMoney(data.total)}
          description={t('happiness.delivered', { value: formatMoney(data.delivered_total) })}
        >
          {t('happiness.total', { count: data.count })}
        </List.Item>
      )}
      {queued.map(({ entry, body }) => (
        <List.Item
          key={entry.id}
          onClick={() => onOpenQueued(entry.id)}
          description={
            entry.rejection ? (
              <span className="rejection">{problemMessage(entry.rejection.problem, t)}</span>
            ) : (
              `${t(`happiness.category.${body.category}`)} · ${body.delivered_on}`
            )
          }
          extra={
            entry.status === 'rejected' ? (
              <Tag color="danger">{t('outbox.rejected')}</Tag>
            ) : (
              <Tag color="primary">{t('outbox.waiting')}</Tag>
            )
          }
        >
          {body.title} · {formatMoney(body.value)}
        </List.Item>
      ))}
      {isLoading && (
        <List.Item>
          <DotLoading />
        </List.Item>
      )}
      {!isLoading && !items.length && !queued.length && (
        <List.Item>{isError ? t('happiness.unavailable') : t('happiness.none')}</List.Item>
      )}
      {items.map((item) => (
        <List.Item
          key={item.id}
          description={`${t(`happiness.category.${item.category}`)} · ${item.delivered_on}${item.delivering_unit ? ` · ${item.delivering_unit}` : ''}`}
          extra={
            <Tag color={item.status === 'delivered' ? 'success' : 'default'}>
              {t(`happiness.status.${item.status}`)}
            </Tag>
          }
        >
          {item.title} · {formatMoney(item.value)}
        </List.Item>
      ))}
      <List.Item>
        <Button block size="small" color="primary" fill="outline" onClick={onAdd}>
          {t('happiness.add')}
        </Button>
      </List.Item>
    </List>
  );
}
