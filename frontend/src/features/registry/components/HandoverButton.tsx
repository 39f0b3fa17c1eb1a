/** 移交: all of one cadre's active pairings move to another cadre in one go (or none do), after a confirmation naming how many. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useRevealErrors } from '@/lib/forms/revealError';
import { useWrite, WriteAlerts } from '@/lib/write';

import { useCadre, type Cadre } from '../api/cadres';
import { today } from '../api/dates';
import { handOver, linkKeys, usePairings } from '../api/links';
import { CadreSelect } from './pickers';

interface HandoverForm {
  to_cadre_id: string;
  started_on: string;
  reason: string;
}

export function HandoverButton({ cadre }: { cadre: Cadre }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const pairings = usePairings({ cadre_id: cadre.id });
  const count = (pairings.data ?? []).filter((p) => p.active).length;
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<HandoverForm | null>(null);
  const [moved, setMoved] = useState<number | null>(null);
  const [form] = Form.useForm<HandoverForm>();
  const write = useWrite(form);
  const { ref, revealErrors } = useRevealErrors();
  const target = useCadre(confirming?.to_cadre_id);

  if (!count && moved === null) return null;

  const send = async (values: HandoverForm) => {
    const done = await write.run(() =>
      handOver({ from_cadre_id: cadre.id, ...values, reason: values.reason?.trim() ?? '' }),
    );
    setConfirming(null);
    if (done) {
      setMoved(done.moved);
      await client.invalidateQueries({ queryKey: linkKeys.all });
    }
  };

  const close = () => {
    setOpen(false);
    setConfirming(null);
    setMoved(null);
  };

  return (
    <>
      {count > 0 && (
        <Button onClick={() => (write.clear(), form.resetFields(), setOpen(true))}>
          {t('handover.button', { count })}
        </Button>
      )}
      {open && (
        <Modal
          open
          title={t('handover.title', { name: cadre.name })}
          onCancel={close}
          footer={
            moved !== null ? (
              <Button type="primary" onClick={close}>
                {t('handover.done')}
              </Button>
            ) : confirming ? (
              <>
                <Button onClick={() => setConfirming(null)}>{t('common.back')}</Button>
                <Button
                  type="primary"
                  danger
                  loading={write.busy}
                  onClick={() => void send(confirming).then(revealErrors)}
                >
                  {t('handover.confirm')}
                </Button>
              </>
            ) : (
              <>
                <Button onClick={close}>{t('common.cancel')}</Button>
                <Button type="primary" onClick={() => form.submit()}>
                  {t('handover.next')}
                </Button>
              </>
            )
          }
        >
          {moved !== null ? (
            <Alert
              role="status"
              type="success"
              showIcon
              message={t('handover.moved', { count: moved })}
            />
          ) : (
            <div ref={ref}>
              <WriteAlerts conflict={false} error={write.error} />
              {confirming && (
                <Alert
                  role="alert"
                  type="warning"
                  showIcon
                  message={t('handover.confirmText', {
                    count,
                    from: cadre.name,
                    to: target.data?.name ?? '…',
                    date: confirming.started_on,
                  })}
                  description={t('handover.allOrNothing')}
                />
              )}
              <Form<HandoverForm>
                form={form}
                layout="vertical"
                hidden={!!confirming}
                initialValues={{ started_on: today(), reason: '' }}
                onFinish={(values) => setConfirming(values)}
                onFinishFailed={revealErrors}
              >
                <Form.Item
                  name="to_cadre_id"
                  label={t('handover.to')}
                  rules={[{ required: true, message: t('links.pickOne') }]}
                >
                  <CadreSelect exclude={cadre.id} />
                </Form.Item>
                <Form.Item
                  name="started_on"
                  label={t('handover.date')}
                  rules={[{ required: true, message: t('links.dateRequired') }]}
                >
                  <Input type="date" />
                </Form.Item>
                <Form.Item name="reason" label={t('handover.reason')} rules={[{ max: 200 }]}>
                  <Input />
                </Form.Item>
              </Form>
            </div>
          )}
        </Modal>
      )}
    </>
  );
}
