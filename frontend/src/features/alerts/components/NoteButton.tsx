import { Alert, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, problemText } from '@/lib/api';

/** A step that needs a note (acknowledge, start, close): asks for it, runs, shows the refusal. */
export function NoteButton({ label, title, run, done }: { label: string; title: string; run: (note: string) => Promise<unknown>; done: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await run(note.trim());
      setOpen(false);
      setNote('');
      done();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setError(t('followup.conflict'));
      else setError(e instanceof ApiError ? problemText(e.problem) : t('common.retryLater'));
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
        <label htmlFor="followup-note">{t('followup.note')}</label>
        <Input.TextArea id="followup-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
