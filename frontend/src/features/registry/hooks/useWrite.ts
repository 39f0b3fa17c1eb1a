/**
 * One write from a form: busy while it runs; a refusal's field errors put on the form's fields, the
 * rest as one message; someone else's save first (412, or a 409 about no field) marked as a
 * conflict, after which `onConflict` loads the fresh data.
 */
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api';

import { fieldMessages, fieldPath, savedByOthers, type FieldPath } from '../api/problemFields';

export interface WriteOptions {
  /** Where a server field goes in this form; null: not here (the message shows above the form). */
  place?: (field: string) => FieldPath | null;
  /** Is a 409 without a field "someone else saved first"? Yes for edits and ends, no for creates. */
  conflictOn409?: boolean;
  onConflict?: () => unknown;
}

export function useWrite(form: FormInstance | null, options: WriteOptions = {}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const run = async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setConflict(false);
    try {
      return await action();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setError(t('common.retryLater'));
        return undefined;
      }
      if (e.status === 412 || (options.conflictOn409 && savedByOthers(e.problem))) {
        setConflict(true);
        await options.onConflict?.();
        return undefined;
      }
      const { fields, rest } = fieldMessages(e.problem, options.place ?? fieldPath);
      // Only fields the form has: setFields on another name would show nowhere.
      const registered = new Set(form?.getFieldsError().map((f) => f.name.join('.')) ?? []);
      const shown = fields.filter((f) => registered.has(f.name.join('.')));
      if (form && shown.length) form.setFields(shown);
      const unshown = fields.filter((f) => !shown.includes(f)).map((f) => `${f.name.join('.')}: ${f.errors.join('; ')}`);
      const message = [...rest, ...unshown].join('；');
      if (message) setError(message);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, error, conflict, clear: () => (setError(null), setConflict(false)) };
}
