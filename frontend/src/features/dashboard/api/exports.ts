/**
 * Downloads of the dashboard's tables (indicators' /exports) as XLSX or CSV. The login's token is
 * needed, so each is fetched as a blob and saved, never a plain link.
 */
import { ApiError, readProblem } from '@/lib/api';
import { auth } from '@/lib/runtime';

export type ExportFormat = 'xlsx' | 'csv';

/**
 * What may be exported and the query each takes. Without a period the server shows the latest
 * quarter with income records (of the year given, for a progress table) and names it in the title.
 */
export type ExportRequest =
  | { kind: 'indicator-values'; indicator: string; area: string; period?: string }
  | {
      kind: 'progress';
      table: 'farmer_income' | 'low_income';
      area: string;
      year?: number;
      period?: string;
    }
  | { kind: 'rankings'; area: string; period?: string; set?: string; indicator?: string };

/** The request's URL at the gateway, its query in a stable order. */
export function exportUrl(request: ExportRequest, fmt: ExportFormat): string {
  const { kind, ...query } = request;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, String(value));
  return `/api/v1/exports/${kind}.${fmt}?${params.toString()}`;
}

/** Our own name for the file when the server names none (it names each by the table's title). */
export function exportFilename(request: ExportRequest, fmt: ExportFormat): string {
  switch (request.kind) {
    case 'indicator-values':
      return `指标_${request.indicator}_${request.area}_${request.period ?? 'latest'}.${fmt}`;
    case 'progress':
      return `进度表_${request.table}_${request.area}_${request.period ?? request.year ?? 'latest'}.${fmt}`;
    case 'rankings':
      return `排名_${request.area}_${request.period ?? 'latest'}.${fmt}`;
  }
}

/** The file name a Content-Disposition gives: the UTF-8 `filename*` first, else `filename`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || null;
}

/** Fetch the export with the login's token and save it under the server's name (else ours). */
export async function downloadExport(request: ExportRequest, fmt: ExportFormat): Promise<string> {
  const response = await auth.fetch(new Request(exportUrl(request, fmt)));
  if (!response.ok) throw new ApiError(await readProblem(response));
  // The server's plain `filename` is a placeholder (export.xlsx): only its UTF-8 name is meant.
  const named = filenameFromDisposition(response.headers.get('Content-Disposition'));
  const filename = named && !named.startsWith('export.') ? named : exportFilename(request, fmt);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}
