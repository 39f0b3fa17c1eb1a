/**
 * One write from a form: busy while it runs; a refusal's field errors put on the form's fields, the
 * rest as one message in the app's words; someone else's save first (a stale version, or a kind the
 * caller names, such as a link already ended) marked as a conflict, after which `onConflict` loads
 * the fresh data.
 */
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, fieldLabel, isKind, savedByOthers, type ProblemKind } from '@/lib/api';

import { fieldMessages, fieldPath, type FieldPath } from './fieldMessages';

export interface WriteOptions {
  /** Where a server field goes in this form; null: not here (the message shows above the form). */
  place?: (field: string) => FieldPath | null;
  /** Kinds of refusal that here also mean someone else got there first (e.g. 'linkEnded' when ending a link). */
  savedFirstOn?: ProblemKind[];
  onConflict?: () => unknown;
}

export interface Write {
  /** Runs the write; its answer, or undefined when it was refused (the refusal is then shown). */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  busy: boolean;
  error: string | null;
  conflict: boolean;
  clear: () => void;
}

export function useWrite(form: FormInstance | null, options: WriteOptions = {}): Write {
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
      if (savedByOthers(e.problem) || isKind(e.problem, ...(options.savedFirstOn ?? []))) {
        setConflict(true);
        await options.onConflict?.();
        return undefined;
      }
      const { fields, rest } = fieldMessages(e.problem, t, options.place ?? fieldPath);
      // Only fields the form has: setFields on another name would show nowhere.
      const registered = new Set(form?.getFieldsError().map((f) => f.name.join('.')) ?? []);
      const shown = fields.filter((f) => registered.has(f.name.join('.')));
      if (form && shown.length) form.setFields(shown);
      const unshown = fields
        .filter((f) => !shown.includes(f))
        .map((f) =>
          t('validation.line', {
            label: fieldLabel(f.name.join('.'), t),
            message: f.errors.join(t('validation.joiner')),
          }),
        );
      const message = [...rest, ...unshown].join(t('validation.joiner'));
      if (message) setError(message);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, error, conflict, clear: () => (setError(null), setConflict(false)) };
}
