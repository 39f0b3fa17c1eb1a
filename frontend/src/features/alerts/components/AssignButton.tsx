import { useQuery } from '@tanstack/react-query';
import { Alert as Notice, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, problemText } from '@/lib/api';

import { assignAlert, type Alert } from '../api/alerts';
import { listCadres } from '../api/people';

/** Assign an alert to a cadre of its township, with an optional note (If-Match). A 412 says
 * someone else changed it first and reloads the list; the server's field error shows at the field. */
export function AssignButton({ alert, done }: { alert: Alert; done: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [cadre, setCadre] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cadreError, setCadreError] = useState<string | null>(null);
  const cadres = useQuery({ queryKey: ['alert-cadres', alert.township_code], queryFn: () => listCadres(alert.township_code), enabled: open });
  const submit = async () => {
    if (!cadre) return;
    setBusy(true);
    setError(null);
    setCadreError(null);
    try {
      await assignAlert(alert, cadre, note.trim());
      setOpen(false);
      setCadre(undefined);
      setNote('');
      done();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 412 || e.status === 409)) {
        setError(e.status === 412 ? t('followup.conflict') : problemText(e.problem));
        done(); // reload: the row's version (and status) are someone else's now
      } else if (e instanceof ApiError && e.problem.errors?.some((f) => f.field === 'cadre_id')) {
        setCadreError(e.problem.errors.find((f) => f.field === 'cadre_id')?.message ?? problemText(e.problem));
      } else setError(e instanceof ApiError ? problemText(e.problem) : t('common.retryLater'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('followup.assign')}
      </Button>
      <Modal
        open={open}
        title={t('followup.assignTitle', { name: alert.head_name })}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okButtonProps={{ disabled: !cadre }}
        confirmLoading={busy}
        okText={t('followup.assign')}
        cancelText={t('common.cancel')}
      >
        {error && <Notice role="alert" type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" component="div">
          <Form.Item label={t('followup.cadre')} htmlFor="assign-cadre" validateStatus={cadreError ? 'error' : undefined} help={cadreError}>
            <Select<string>
              id="assign-cadre"
              showSearch
              optionFilterProp="label"
              loading={cadres.isLoading}
              placeholder={t('followup.pickCadre')}
              value={cadre}
              onChange={setCadre}
              notFoundContent={t('followup.noCadres')}
              options={(cadres.data ?? []).filter((c) => c.id !== alert.cadre_id).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item label={t('followup.noteOptional')} htmlFor="assign-note">
            <Input.TextArea id="assign-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
