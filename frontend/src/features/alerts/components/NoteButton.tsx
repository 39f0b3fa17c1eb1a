import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, problemText } from '@/lib/api';

/** A second text the step may change (a need's responsible unit when it is started). */
export interface ExtraField {
  name: string;
  label: string;
  initial: string;
}

/** A step that needs a note (acknowledge, start, close): asks for it (and the extra field, if any),
 * runs, shows the refusal (a field's at the field). */
export function NoteButton({
  label,
  title,
  run,
  done,
  extra,
}: {
  label: string;
  title: string;
  run: (note: string, extra: string) => Promise<unknown>;
  done: () => void;
  extra?: ExtraField;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [extraValue, setExtraValue] = useState(extra?.initial ?? '');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await run(note.trim(), extraValue.trim());
      setOpen(false);
      setNote('');
      done();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setError(t('followup.conflict'));
        done(); // reload: the next try sends the version someone else saved
      } else if (e instanceof ApiError && e.problem.errors?.length) {
        setFieldErrors(Object.fromEntries(e.problem.errors.map((f) => [f.field, f.message])));
        const shown = new Set(['note', extra?.name]);
        if (e.problem.errors.some((f) => !shown.has(f.field))) setError(problemText(e.problem));
      } else setError(e instanceof ApiError ? problemText(e.problem) : t('common.retryLater'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okButtonProps={{ disabled: note.trim().length < 2 }}
        confirmLoading={busy}
        okText={label}
        cancelText={t('common.cancel')}
      >
        {error && <Alert role="alert" type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" component="div">
          {extra && (
            <Form.Item label={extra.label} htmlFor="followup-extra" validateStatus={fieldErrors[extra.name] ? 'error' : undefined} help={fieldErrors[extra.name]}>
              <Input id="followup-extra" value={extraValue} onChange={(e) => setExtraValue(e.target.value)} />
            </Form.Item>
          )}
          <Form.Item label={t('followup.note')} htmlFor="followup-note" validateStatus={fieldErrors.note ? 'error' : undefined} help={fieldErrors.note}>
            <Input.TextArea id="followup-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
