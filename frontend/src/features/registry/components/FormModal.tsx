/** A form in a modal that saves: 保存 / 取消, busy while the write runs, its alerts above the fields. */
import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { WriteAlerts } from './WriteAlerts';

interface Props<V> {
  title: string;
  width?: number;
  form: FormInstance<V>;
  /** The write's state, from useWrite. */
  write: { busy: boolean; conflict: boolean; error: string | null };
  initialValues?: Partial<V>;
  onSave: (values: V) => Promise<void>;
  onClose: () => void;
  /** The form's Form.Items. */
  children: ReactNode;
}

export function FormModal<V>({ title, width, form, write, initialValues, onSave, onClose, children }: Props<V>) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={t('registry.save')}
      cancelText={t('common.cancel')}
      confirmLoading={write.busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <WriteAlerts conflict={write.conflict} error={write.error} />
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void onSave(v)}>
        {children}
      </Form>
    </Modal>
  );
}
