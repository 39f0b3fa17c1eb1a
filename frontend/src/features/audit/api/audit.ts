/**
 * The audit logs: the registry's (whole reads, and every write to households, members, income,
 * links…) and the assistance service's (every write to visits, plans, happiness items, needs).
 * Each service keeps its own (docs/architecture.md, "The audit log"); this reads both with the
 * same filters and merges them newest first.
 */
import { useInfiniteQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type AuditEntry = components['schemas']['AuditEntryPublic'];
export type AuditChange = components['schemas']['AuditChange'];
export type AuditKind = AuditEntry['kind'];

export type AuditSource = 'registry' | 'assistance';
export const AUDIT_SOURCES: AuditSource[] = ['registry', 'assistance'];

/** Which log holds an aggregate's writes. */
export const AGGREGATES: Record<string, AuditSource> = {
  household: 'registry',
  income_record: 'registry',
  pairing: 'registry',
  entity_household_link: 'registry',
  cadre_entity_link: 'registry',
  cadre: 'registry',
  entity: 'registry',
  department: 'registry',
  area: 'registry',
  visit: 'assistance',
  plan: 'assistance',
  happiness_item: 'assistance',
  need: 'assistance',
  attachment: 'assistance',
  measure_type: 'assistance',
};

export interface AuditFilters {
  household_id?: string;
  subject?: string;
  kind?: AuditKind;
  resource?: string;
  /** inclusive, ISO 8601 with offset */
  from?: string;
  /** exclusive */
  to?: string;
}

/** The logs worth asking: an aggregate's own, and only the registry's for reads. */
export function sourcesFor(filters: AuditFilters): AuditSource[] {
  if (filters.resource) return [AGGREGATES[filters.resource] ?? 'registry'];
  if (filters.kind === 'read') return ['registry'];
  return AUDIT_SOURCES;
}

const PAGE = 50;

function listLog(source: AuditSource, filters: AuditFilters, cursor: string | null) {
  const query = { ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) };
  return source === 'registry'
    ? unwrap(api.GET('/api/v1/audit', { params: { query } }))
    : unwrap(api.GET('/api/v1/assistance-audit', { params: { query } }));
}

export interface SourcePage {
  source: AuditSource;
  items: AuditEntry[];
  next_cursor: string | null;
}

export interface MergedPage {
  pages: SourcePage[];
}

/** The next page of each log that has more (all of them for the first page). */
async function nextPages(
  sources: AuditSource[],
  filters: AuditFilters,
  previous: MergedPage | undefined,
): Promise<MergedPage> {
  const wanted = previous
    ? previous.pages.filter((p) => p.next_cursor).map((p) => [p.source, p.next_cursor] as const)
    : sources.map((s) => [s, null] as const);
  const pages = await Promise.all(
    wanted.map(async ([source, cursor]) => {
      const page = await listLog(source, filters, cursor);
      return { source, items: page.items, next_cursor: page.next_cursor ?? null };
    }),
  );
  // A log that ended stays in the list with no cursor, so the merge knows it is complete.
  const ended = (previous?.pages ?? [])
    .filter((p) => !p.next_cursor)
    .map((p) => ({ ...p, items: [] }));
  return { pages: [...pages, ...ended] };
}

/**
 * The entries of several newest-first logs, merged newest first, and whether more may come.
 * Only what is certainly in order is shown: while a log has more pages, nothing older than its
 * oldest loaded entry (those wait for the next load).
 */
export function mergeLogs(loaded: MergedPage[]): { items: AuditEntry[]; more: boolean } {
  const all = loaded.flatMap((m) => m.pages.flatMap((p) => p.items));
  const last = loaded[loaded.length - 1];
  const open = (last?.pages ?? []).filter((p) => p.next_cursor);
  const oldestOf = (source: AuditSource) =>
    loaded
      .flatMap((m) => m.pages.filter((p) => p.source === source).flatMap((p) => p.items))
      .reduce((min, e) => (e.at < min ? e.at : min), '\uffff');
  const watermark = open.reduce((w, p) => {
    const oldest = oldestOf(p.source);
    return oldest > w ? oldest : w;
  }, '');
  const sorted = [...all].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { items: sorted.filter((e) => e.at >= watermark), more: open.length > 0 };
}

export function useAuditLog(filters: AuditFilters) {
  const sources = sourcesFor(filters);
  const query = useInfiniteQuery({
    queryKey: ['audit', sources, filters],
    queryFn: ({ pageParam }) => nextPages(sources, filters, pageParam),
    initialPageParam: undefined as MergedPage | undefined,
    getNextPageParam: (last) => (last.pages.some((p) => p.next_cursor) ? last : undefined),
  });
  const merged = mergeLogs(query.data?.pages ?? []);
  return { ...query, items: merged.items, more: merged.more };
}
