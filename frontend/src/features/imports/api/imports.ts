/**
 * The registry's tabular imports: templates, the dry run and the all-or-nothing commit. Plain
 * fetches through the login (multipart bodies and file downloads are outside openapi-fetch's types).
 */
import { ApiError, readProblem, type components } from '@/lib/api';
import { auth } from '@/lib/runtime';

export const IMPORT_KINDS = ['households', 'entities', 'cadres', 'income'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportReport = components['schemas']['ImportReport'];
export type RowReport = components['schemas']['RowReport'];

/** Download the kind's template (the login's token is needed, so no plain link). */
export async function downloadTemplate(kind: ImportKind, fmt: 'xlsx' | 'csv'): Promise<void> {
  const response = await auth.fetch(new Request(`/api/v1/imports/${kind}/template.${fmt}`));
  if (!response.ok) throw new ApiError(await readProblem(response));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${kind}-template.${fmt}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The report when a refused commit carries one (422, nothing written). */
export function refusedReport(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const report = error.problem.report as ImportReport | undefined;
  return report && Array.isArray(report.rows) ? report : null;
}

/** Check (dry run) or commit a file; a refusal throws an ApiError whose problem may hold the report. */
export async function runImport(
  kind: ImportKind,
  file: File,
  commit: boolean,
): Promise<ImportReport> {
  const body = new FormData();
  body.append('file', file, file.name);
  const request = new Request(`/api/v1/imports/${kind}?dry_run=${commit ? 'false' : 'true'}`, {
    method: 'POST',
    body,
  });
  const response = await auth.fetch(request);
  if (!response.ok) throw new ApiError(await readProblem(response));
  return (await response.json()) as ImportReport;
}

/** The rows worth a look: those with errors or warnings first, in file order. */
export function rowsToShow(report: ImportReport): RowReport[] {
  const flagged = (row: RowReport) => (row.errors?.length ?? 0) + (row.warnings?.length ?? 0) > 0;
  return [...report.rows].sort((a, b) => Number(flagged(b)) - Number(flagged(a)) || a.row - b.row);
}
