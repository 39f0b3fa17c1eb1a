/**
 * One import on the page: the kind and file chosen, the last report, the message above it, and the
 * two runs (a dry run; the commit, only after a clean dry run of that file).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { errorMessage } from '@/lib/api';

import {
  downloadTemplate,
  refusedReport,
  runImport,
  type ImportKind,
  type ImportReport,
} from '../api/imports';

export interface ImportMessage {
  type: 'success' | 'error' | 'warning';
  text: string;
}

export function useImportRun() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('households');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<ImportMessage | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    // A refused commit (nothing written) carries its report: the rows say what to correct.
    const refused = refusedReport(error);
    if (refused) setReport(refused);
    const text = refused
      ? t('imports.refused', { count: refused.rows.filter((row) => row.errors?.length).length })
      : errorMessage(error, t);
    setMessage({ type: 'error', text });
  };

  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const answer = await runImport(kind, file, commit);
      setReport(answer);
      if (commit)
        setMessage({
          type: 'success',
          text: t('imports.committed', { records: answer.totals.records }),
        });
      else if (answer.totals.error)
        setMessage({
          type: 'warning',
          text: t('imports.hasErrors', { count: answer.totals.error }),
        });
      else setMessage({ type: 'success', text: t('imports.ready') });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  /** Another kind or file: the report and message of the last one go. */
  const startOver = () => {
    setReport(null);
    setMessage(null);
  };

  return {
    kind,
    chooseKind: (next: ImportKind) => (setKind(next), startOver()),
    file,
    chooseFile: (next: File | null) => (setFile(next), startOver()),
    report,
    message,
    busy,
    /** A clean dry run of this file: only then may it be committed. */
    checked: Boolean(report?.dry_run && !report.totals.error && report.totals.rows > 0),
    check: () => run(false),
    commit: () => run(true),
    template: (fmt: 'xlsx' | 'csv') => downloadTemplate(kind, fmt).catch(fail),
  };
}
