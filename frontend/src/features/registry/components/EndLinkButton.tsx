import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useRevealErrors } from '@/lib/forms/revealError';
import { useWrite, WriteAlerts } from '@/lib/write';

import { cadreKeys } from '../api/cadres';
import { today } from '../api/dates';
import { endLink, linkKeys, type LinkKind } from '../api/links';

/** 结束: asks for the end date, then ends the link on the version on screen. */
export function EndLinkButton({
  kind,
  link,
  label,
}: {
  kind: LinkKind;
  link: { id: string; version: number; started_on: string };
  label: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ ended_on: string }>();
  const refresh = () => client.invalidateQueries({ queryKey: linkKeys.all });
  const write = useWrite(form, { savedFirstOn: ['linkEnded'], onConflict: refresh });
  const { ref, revealErrors } = useRevealErrors();

  const submit = async ({ ended_on }: { ended_on: string }) => {
    const done = await write.run(() => endLink(kind, link, ended_on));
    if (done !== undefined) {
      await Promise.all([refresh(), client.invalidateQueries({ queryKey: cadreKeys.each })]);
      setOpen(false);
    }
  };

  return (
    <>
      <Button size="small" danger onClick={() => (write.clear(), setOpen(true))}>
        {t('links.end')}
      </Button>
      {open && (
        <Modal
          open
          title={t('links.endTitle', { what: label })}
          okText={t('links.end')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, disabled: write.conflict }}
          confirmLoading={write.busy}
          onOk={() => form.submit()}
          onCancel={() => setOpen(false)}
        >
          <div ref={ref}>
            <WriteAlerts conflict={write.conflict} error={write.error} />
            <Form
              form={form}
              layout="vertical"
              initialValues={{ ended_on: today() }}
              onFinish={(v) => void submit(v).then(revealErrors)}
              onFinishFailed={revealErrors}
            >
              <Form.Item
                name="ended_on"
                label={t('links.endedOn')}
                rules={[{ required: true, message: t('links.dateRequired') }]}
                extra={t('links.startedOn') + ' ' + link.started_on}
              >
                <Input type="date" min={link.started_on} />
              </Form.Item>
            </Form>
          </div>
        </Modal>
      )}
    </>
  );
}
