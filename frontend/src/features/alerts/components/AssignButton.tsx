import { Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal, useWrite } from '@/lib/write';

import { assignAlert, type Alert } from '../api/alerts';
import { useCadresUnder } from '../api/people';

/** Assign an alert to a cadre of its township, with an optional note (If-Match). */
export function AssignButton({ alert, done }: { alert: Alert; done: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('followup.assign')}
      </Button>
      {open && <AssignModal alert={alert} done={done} onClose={() => setOpen(false)} />}
    </>
  );
}

interface AssignForm {
  cadre_id?: string;
  note: string;
}

/** The cadre and the note; when someone else changed or closed the alert first the list reloads,
 * and the server's field error shows at the field. */
function AssignModal({
  alert,
  done,
  onClose,
}: {
  alert: Alert;
  done: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AssignForm>();
  const cadre = Form.useWatch('cadre_id', form);
  // reload: the row's version (and status) are someone else's now
  const write = useWrite(form, { savedFirstOn: ['closed'], onConflict: done });
  const cadres = useCadresUnder(alert.township_code);
  const submit = async ({ cadre_id, note }: AssignForm) => {
    if (!cadre_id) return;
    const assigned = await write.run(() => assignAlert(alert, cadre_id, note.trim()));
    if (!assigned) return;
    onClose();
    done();
  };
  return (
    <FormModal<AssignForm>
      title={t('followup.assignTitle', { name: alert.head_name })}
      form={form}
      write={write}
      okText={t('followup.assign')}
      okDisabled={!cadre}
      savedFirst={t('followup.conflict')}
      initialValues={{ note: '' }}
      onSave={submit}
      onClose={onClose}
    >
      <Form.Item name="cadre_id" label={t('followup.cadre')}>
        <Select<string>
          showSearch
          optionFilterProp="label"
          loading={cadres.isLoading}
          placeholder={t('followup.pickCadre')}
          notFoundContent={t('followup.noCadres')}
          options={(cadres.data ?? [])
            .filter((c) => c.id !== alert.cadre_id)
            .map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('followup.noteOptional')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
