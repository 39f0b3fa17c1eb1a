/** The phone's own database (IndexedDB): what waits to be sent, and what was last read. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

import type { Problem } from '../api/problems';

export type EntryStatus = 'pending' | 'rejected';

export interface Rejection {
  status: number;
  problem: Problem;
  at: string;
}

/** One write waiting to be sent: an idempotent PUT of a JSON body, after the files it names. */
export interface OutboxEntry {
  /** the record's client-made UUID, also its key here */
  id: string;
  /** who queued it (the login's subject): only their login sends it */
  owner: string;
  /** what kind of record, for the screens (e.g. "visit") */
  kind: string;
  /** e.g. /api/v1/visits/<id> */
  path: string;
  body: Record<string, unknown>;
  /** extra request headers, e.g. If-Match for an edit of a record read earlier */
  headers?: Record<string, string>;
  /** what the server holds once it has this write, when its answer differs from the body (default: the body) */
  expect?: Record<string, unknown>;
  /** SHA-256 of the files (photos) to PUT under fileBase first */
  files: string[];
  /** a few words for the screens, e.g. the household head's name */
  label: string;
  /** free context for the screens (e.g. household id) */
  context: Record<string, string>;
  createdAt: string;
  status: EntryStatus;
  attempts: number;
  rejection: Rejection | null;
}

export interface StoredFile {
  sha256: string;
  type: string;
  bytes: ArrayBuffer;
  owner: string;
  /** whether `owner` has uploaded it: a visit may name only a photo its own writer uploaded */
  uploaded: boolean;
}

export interface CachedRead {
  key: string;
  owner: string;
  data: unknown;
  savedAt: number;
}

export interface OfflineSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { owner: string } };
  files: { key: string; value: StoredFile };
  reads: { key: string; value: CachedRead; indexes: { owner: string } };
}

export type OfflineDB = IDBPDatabase<OfflineSchema>;

export const DB_NAME = 'fumin-offline';

export function openOfflineDB(name = DB_NAME): Promise<OfflineDB> {
  return openDB<OfflineSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('owner', 'owner');
      db.createObjectStore('files', { keyPath: 'sha256' });
      db.createObjectStore('reads', { keyPath: 'key' }).createIndex('owner', 'owner');
    },
  });
}
