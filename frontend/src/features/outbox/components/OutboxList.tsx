import { Button, Dialog, ErrorBlock, List, NoticeBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { problemMessage } from '@/lib/api/problemWords';
import { useOnline, useOutboxEntries } from '@/lib/hooks';
import type { OutboxEntry } from '@/lib/offline/db';
import { formatDateTime } from '@/lib/format';

import { useSync } from '../hooks/useOutbox';

interface Props {
  /** open an entry to correct it (refused) or look at it (waiting) */
  onOpen: (entry: OutboxEntry) => void;
}

/** What waits on the phone: refused entries first with the server's reason, then those waiting. */
export function OutboxList({ onOpen }: Props) {
  const { t } = useTranslation();
  const entries = useOutboxEntries();
  const online = useOnline();
  const { running, last, run, discard } = useSync();
  const rejected = entries.filter((e) => e.status === 'rejected');
  const waiting = entries.filter((e) => e.status === 'pending');
  const when = formatDateTime;
  const occurred = (entry: OutboxEntry) => when(String(entry.body.occurred_at ?? entry.createdAt));
  // What it is (a visit, a happiness-list item, a plan update), for whom, and when.
  const title = (entry: OutboxEntry) =>
    `${t(`outbox.kinds.${entry.kind}`, { defaultValue: entry.kind })} · ${entry.label} · ${occurred(entry)}`;

  const confirmDiscard = async (entry: OutboxEntry) => {
    const sure = await Dialog.confirm({
      content: t('outbox.discardConfirm', { label: entry.label }),
      confirmText: t('outbox.discard'),
      cancelText: t('common.cancel'),
    });
    if (sure) await discard(entry.id);
  };

  return (
    <>
      {last?.stopped && (
        <NoticeBar color="alert" wrap content={t(`outbox.stopped.${last.stopped}`)} />
      )}
      {!entries.length && (
        <ErrorBlock status="empty" title={t('outbox.empty')} description={t('outbox.emptyHint')} />
      )}
      {rejected.length > 0 && (
        <List header={t('outbox.rejectedHeader', { count: rejected.length })}>
          {rejected.map((entry) => (
            <List.Item
              key={entry.id}
              description={
                <span className="rejection" role="alert">
                  {t('outbox.reason', {
                    status: entry.rejection?.status,
                    reason: entry.rejection ? problemMessage(entry.rejection.problem, t) : '',
                  })}
                </span>
              }
              extra={
                <span className="row-actions">
                  <Button size="mini" color="primary" onClick={() => onOpen(entry)}>
                    {t('outbox.correct')}
                  </Button>
                  <Button size="mini" fill="none" onClick={() => void confirmDiscard(entry)}>
                    {t('outbox.discard')}
                  </Button>
                </span>
              }
            >
              {title(entry)}
            </List.Item>
          ))}
        </List>
      )}
      {waiting.length > 0 && (
        <List header={t('outbox.waitingHeader', { count: waiting.length })}>
          {waiting.map((entry) => (
            <List.Item
              key={entry.id}
              onClick={() => onOpen(entry)}
              description={
                entry.files.length ? t('outbox.photos', { count: entry.files.length }) : undefined
              }
              extra={<Tag color="primary">{t('outbox.waiting')}</Tag>}
            >
              {title(entry)}
            </List.Item>
          ))}
        </List>
      )}
      {waiting.length > 0 && (
        <div className="padded">
          <Button
            block
            color="primary"
            loading={running}
            disabled={!online}
            onClick={() => void run()}
          >
            {online ? t('outbox.sendNow') : t('outbox.offline')}
          </Button>
        </div>
      )}
    </>
  );
}
