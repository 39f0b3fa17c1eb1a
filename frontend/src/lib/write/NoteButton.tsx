import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from './FormModal';
import { useWrite } from './useWrite';

/** A second value the step may change (a need's responsible unit when it is started): typed,
 * or picked with `input` (a picker answering an id). */
export interface ExtraField {
  name: string;
  label: string;
  initial: string | undefined;
  input?: React.ReactNode;
}

interface Step {
  label: string;
  title: string;
  run: (note: string, extra: string) => Promise<unknown>;
  done: () => void;
  extra?: ExtraField;
}

/** A step that needs a note (acknowledge, start, close): asks for it (and the extra field, if any). */
export function NoteButton(step: Step) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {step.label}
      </Button>
      {open && <NoteModal {...step} onClose={() => setOpen(false)} />}
    </>
  );
}

type NoteForm = Record<string, string>;

/** Runs the step and shows the refusal (a field's at the field); when someone else handled it first
 * (a stale version; closed, acknowledged or started meanwhile) the list reloads, so the next try goes
 * on their version. */
function NoteModal({ label, title, run, done, extra, onClose }: Step & { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NoteForm>();
  const note: string = Form.useWatch('note', form) ?? '';
  const write = useWrite(form, {
    savedFirstOn: ['closed', 'alreadyAcknowledged', 'alreadyStarted'],
    onConflict: done,
  });
  const submit = async (values: NoteForm) => {
    const answer = await write.run(() =>
      run((values.note ?? '').trim(), (extra ? (values[extra.name] ?? '') : '').trim()),
    );
    if (answer === undefined) return;
    onClose();
    done();
  };
  return (
    <FormModal<NoteForm>
      title={title}
      form={form}
      write={write}
      okText={label}
      okDisabled={note.trim().length < 2}
      savedFirst={t('followup.conflict')}
      initialValues={extra ? { note: '', [extra.name]: extra.initial } : { note: '' }}
      onSave={submit}
      onClose={onClose}
    >
      {extra && (
        <Form.Item name={extra.name} label={extra.label}>
          {extra.input ?? <Input />}
        </Form.Item>
      )}
      <Form.Item name="note" label={t('followup.note')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
