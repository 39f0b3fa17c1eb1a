/** A form in a modal that saves: 保存 / 取消, busy while the write runs, its alerts above the fields. */
import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useRevealErrors } from '../forms/revealError';
import type { Write } from './useWrite';
import { WriteAlerts } from './WriteAlerts';

interface Props<V> {
  title: string;
  width?: number;
  form: FormInstance<V>;
  /** The write's state, from useWrite. */
  write: Pick<Write, 'busy' | 'conflict' | 'error'>;
  initialValues?: Partial<V>;
  onSave: (values: V) => Promise<void>;
  onClose: () => void;
  /** The OK button's text (保存 by default), and whether it is off for now. */
  okText?: string;
  okDisabled?: boolean;
  /** What "someone else saved first" says here, and a button to reload (see WriteAlerts). */
  savedFirst?: string;
  onReload?: () => void;
  /** The form's Form.Items. */
  children: ReactNode;
}

export function FormModal<V>({
  title,
  width,
  form,
  write,
  initialValues,
  onSave,
  onClose,
  okText,
  okDisabled,
  savedFirst,
  onReload,
  children,
}: Props<V>) {
  const { t } = useTranslation();
  // After every save that did not close the form, its first error (a field, or the refusal
  // above them) comes into view, focused.
  const { ref, revealErrors } = useRevealErrors();
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={okText ?? t('registry.save')}
      okButtonProps={okDisabled ? { disabled: true } : undefined}
      cancelText={t('common.cancel')}
      confirmLoading={write.busy}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <div ref={ref}>
        <WriteAlerts
          conflict={write.conflict}
          error={write.error}
          savedFirst={savedFirst}
          onReload={onReload}
        />
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(v) => void onSave(v).then(revealErrors)}
          onFinishFailed={revealErrors}
        >
          {children}
        </Form>
      </div>
    </Modal>
  );
}
