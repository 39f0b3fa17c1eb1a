import { Button, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DepartmentPicker } from '@/lib/pickers';
import { FormModal, useWrite } from '@/lib/write';

import { assignAlert, type Alert } from '../api/alerts';
import { useCadresUnder } from '../api/people';

/** Assign an alert to a cadre of its township or to a department, with an optional note
 * (If-Match). */
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
  to: 'cadre' | 'department';
  cadre_id?: string;
  department_id?: string;
  note: string;
}

/** The cadre or the department, and the note; when someone else changed or closed the alert
 * first the list reloads, and the server's field error shows at the field. */
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
  const to = Form.useWatch('to', form) ?? 'cadre';
  const cadre = Form.useWatch('cadre_id', form);
  const department = Form.useWatch('department_id', form);
  // reload: the row's version (and status) are someone else's now
  const write = useWrite(form, { savedFirstOn: ['closed'], onConflict: done });
  const cadres = useCadresUnder(alert.township_code);
  const submit = async ({ cadre_id, department_id, note }: AssignForm) => {
    const who =
      to === 'cadre' ? cadre_id && { cadre_id } : department_id && { department_id: department_id };
    if (!who) return;
    const assigned = await write.run(() => assignAlert(alert, who, note.trim()));
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
      okDisabled={to === 'cadre' ? !cadre : !department}
      savedFirst={t('followup.conflict')}
      initialValues={{ to: 'cadre', note: '' }}
      onSave={submit}
      onClose={onClose}
    >
      <Form.Item name="to" label={t('followup.assignTo')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'cadre', label: t('followup.toCadre') },
            { value: 'department', label: t('followup.toDepartment') },
          ]}
        />
      </Form.Item>
      {to === 'cadre' ? (
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
      ) : (
        <Form.Item name="department_id" label={t('followup.department')}>
          <DepartmentPicker
            exclude={alert.department_id ?? undefined}
            placeholder={t('followup.pickDepartment')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('followup.noteOptional')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
