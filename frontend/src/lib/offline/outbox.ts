/**
 * The outbox: writes made on the phone wait here until the network returns, then go out exactly
 * once. Exactly once rests on the server: each record has a UUID made on the phone and its PUT is
 * idempotent (the same body again answers the stored record), and files are PUT under their
 * SHA-256. So a send that got through but whose answer was lost is simply sent again.
 *
 * An edit of a record read earlier carries If-Match: a resend after a lost answer then meets 412.
 * So a 409 or a 412 is checked by reading the record: if the server holds what we sent, it was sent.
 *
 * An entry leaves the outbox only when the server has it. A refusal (a 4xx other than a 409/412 for
 * the very same record) keeps it, marked rejected with the server's reason, for a person to correct.
 */
import { isProblem, type Problem } from '../api/problems';
import type { OfflineDB, OutboxEntry, StoredFile } from './db';

export type Send = (request: Request) => Promise<Response>;

export interface SyncReport {
  sent: string[];
  rejected: string[];
  /** why the run stopped before the end: no network, the server is unwell, or a new login is needed */
  stopped: null | 'offline' | 'server' | 'auth';
}

export interface NewEntry {
  id: string;
  owner: string;
  kind: string;
  path: string;
  body: Record<string, unknown>;
  /** extra request headers, e.g. `If-Match: "3"` for an edit */
  headers?: Record<string, string>;
  /** what the server holds once it has this write, when it differs from the body (default: the body) */
  expect?: Record<string, unknown>;
  label: string;
  context?: Record<string, string>;
  /** SHA-256 of every file the record names (default: those given with it) */
  files?: string[];
}

export interface NewFile {
  sha256: string;
  type: string;
  bytes: ArrayBuffer;
}

export interface OutboxOptions {
  baseUrl?: string;
  /** where files are PUT: `${fileBase}/${sha256}` */
  fileBase?: string;
  now?: () => Date;
}

type Outcome =
  | { kind: 'sent' }
  | { kind: 'rejected'; status: number; problem: Problem }
  | { kind: 'stop'; why: 'offline' | 'server' | 'auth' };

const RETRY_LATER = new Set([401, 408, 425, 429]);

/** The answer's problem, or one made from its status line. */
async function problemOf(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.json();
    if (isProblem(body)) return body;
  } catch {
    // not JSON
  }
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
}

function retryLater(status: number): Outcome {
  return { kind: 'stop', why: status === 401 ? 'auth' : 'server' };
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Whether what the server holds is what we sent: every field we sent has the same value there.
 * Times compare as instants (the server may write them in another offset); a field the server
 * withholds from this caller (null) is taken as the same.
 */
export function sameRecord(sent: unknown, stored: unknown): boolean {
  if (stored === null && sent !== null) return true;
  if (
    typeof sent === 'string' &&
    typeof stored === 'string' &&
    ISO_DATETIME.test(sent) &&
    ISO_DATETIME.test(stored)
  ) {
    return Date.parse(sent) === Date.parse(stored);
  }
  if (Array.isArray(sent)) {
    return (
      Array.isArray(stored) &&
      sent.length === stored.length &&
      sent.every((v, i) => sameRecord(v, stored[i]))
    );
  }
  if (typeof sent === 'object' && sent !== null) {
    if (typeof stored !== 'object' || stored === null) return false;
    const held = stored as Record<string, unknown>;
    return Object.entries(sent).every(
      ([key, value]) =>
        value === undefined || (key in held ? sameRecord(value, held[key]) : value === null),
    );
  }
  return sent === stored;
}

export class Outbox {
  private readonly db: Promise<OfflineDB>;
  private readonly baseUrl: string;
  private readonly fileBase: string;
  private readonly now: () => Date;
  private readonly listeners = new Set<() => void>();
  private running: Promise<SyncReport> | null = null;
  private channel: BroadcastChannel | null = null;

  constructor(db: Promise<OfflineDB>, options: OutboxOptions = {}) {
    this.db = db;
    this.baseUrl = options.baseUrl ?? '';
    this.fileBase = options.fileBase ?? '/api/v1/attachments';
    this.now = options.now ?? (() => new Date());
    if (typeof BroadcastChannel !== 'undefined') {
      // Other tabs of the app hear of changes too (their badges must agree).
      this.channel = new BroadcastChannel('fumin-outbox');
      this.channel.onmessage = () => this.emit(false);
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(broadcast = true): void {
    for (const listener of this.listeners) listener();
    if (broadcast) this.channel?.postMessage('changed');
  }

  /** Queue a write (or replace a queued one, e.g. corrected after a rejection) and its files. */
  async put(entry: NewEntry, files: NewFile[] = []): Promise<OutboxEntry> {
    const db = await this.db;
    const tx = db.transaction(['outbox', 'files'], 'readwrite');
    const previous = await tx.objectStore('outbox').get(entry.id);
    const stored: OutboxEntry = {
      ...entry,
      context: entry.context ?? {},
      // A correction may keep photos stored (or sent) before: the entry names them all.
      files: [...new Set(entry.files ?? files.map((f) => f.sha256))],
      createdAt: previous?.createdAt ?? this.now().toISOString(),
      status: 'pending',
      attempts: 0,
      rejection: null,
    };
    for (const file of files) {
      const existing = await tx.objectStore('files').get(file.sha256);
      // `uploaded` is for the file's owner: the server lets a visit name only a photo its own
      // writer uploaded (or may see), so another login on this phone sends it again.
      const uploaded = existing?.owner === entry.owner && existing.uploaded;
      const record: StoredFile = { ...file, owner: entry.owner, uploaded };
      await tx.objectStore('files').put(record);
    }
    await tx.objectStore('outbox').put(stored);
    await tx.done;
    if (previous) await this.dropUnreferencedFiles(previous.files);
    this.emit();
    return stored;
  }

  async list(owner: string): Promise<OutboxEntry[]> {
    const entries = await (await this.db).getAllFromIndex('outbox', 'owner', owner);
    return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async get(id: string): Promise<OutboxEntry | undefined> {
    return (await this.db).get('outbox', id);
  }

  async file(sha256: string): Promise<StoredFile | undefined> {
    return (await this.db).get('files', sha256);
  }

  async counts(owner: string): Promise<{ pending: number; rejected: number }> {
    const entries = await this.list(owner);
    const rejected = entries.filter((e) => e.status === 'rejected').length;
    return { pending: entries.length - rejected, rejected };
  }

  /**
   * Mark every entry of ``owner`` still waiting as refused with ``problem`` (the server ended the
   * login, e.g. the account was deactivated): they stay on the phone, shown with the reason.
   */
  async refusePending(owner: string, status: number, problem: Problem): Promise<number> {
    const db = await this.db;
    const waiting = (await this.list(owner)).filter((e) => e.status === 'pending');
    const at = this.now().toISOString();
    for (const entry of waiting)
      await db.put('outbox', { ...entry, status: 'rejected', rejection: { status, problem, at } });
    if (waiting.length) this.emit();
    return waiting.length;
  }

  /** Remove an entry for good: only on a person's explicit word, never by sync. */
  async discard(id: string): Promise<void> {
    const entry = await this.get(id);
    if (!entry) return;
    await (await this.db).delete('outbox', id);
    await this.dropUnreferencedFiles(entry.files);
    this.emit();
  }

  private async dropUnreferencedFiles(candidates: string[]): Promise<void> {
    if (!candidates.length) return;
    const db = await this.db;
    const referenced = new Set((await db.getAll('outbox')).flatMap((e) => e.files));
    for (const sha of candidates) if (!referenced.has(sha)) await db.delete('files', sha);
  }

  /**
   * Send every pending entry of this owner, oldest first. One run at a time per tab (a call while a
   * run is going waits for it and then runs again, so nothing queued meanwhile is missed), and one
   * at a time across tabs with a Web Lock.
   */
  sync(send: Send, owner: string): Promise<SyncReport> {
    const previous = this.running;
    const run = (previous ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => withLock('fumin-outbox-sync', () => this.syncOnce(send, owner)));
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  private async syncOnce(send: Send, owner: string): Promise<SyncReport> {
    const report: SyncReport = { sent: [], rejected: [], stopped: null };
    for (const entry of await this.list(owner)) {
      if (entry.status !== 'pending') continue;
      const outcome = await this.sendEntry(send, entry);
      if (outcome.kind === 'stop') {
        report.stopped = outcome.why;
        break;
      }
      const db = await this.db;
      if (outcome.kind === 'sent') {
        await db.delete('outbox', entry.id);
        await this.dropUnreferencedFiles(entry.files);
        report.sent.push(entry.id);
      } else {
        const rejection = {
          status: outcome.status,
          problem: outcome.problem,
          at: this.now().toISOString(),
        };
        await db.put('outbox', {
          ...entry,
          status: 'rejected',
          attempts: entry.attempts + 1,
          rejection,
        });
        report.rejected.push(entry.id);
      }
      this.emit();
    }
    return report;
  }

  private async request(send: Send, path: string, init: RequestInit): Promise<Response | null> {
    try {
      return await send(new Request(`${this.baseUrl}${path}`, init));
    } catch {
      return null; // no answer: offline, or the gateway is down
    }
  }

  private async sendEntry(send: Send, entry: OutboxEntry): Promise<Outcome> {
    for (const sha of entry.files) {
      const outcome = await this.sendFile(send, sha, entry.owner);
      if (outcome.kind !== 'sent') return outcome;
    }
    const response = await this.request(send, entry.path, {
      method: 'PUT',
      headers: { ...entry.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(entry.body),
    });
    if (!response) return { kind: 'stop', why: 'offline' };
    if (response.ok) return { kind: 'sent' };
    if (response.status === 409 || response.status === 412)
      return this.checkConflict(send, entry, response.status, await problemOf(response));
    if (RETRY_LATER.has(response.status) || response.status >= 500)
      return retryLater(response.status);
    return { kind: 'rejected', status: response.status, problem: await problemOf(response) };
  }

  /**
   * A 409 (another body under this id) or a 412 (the record changed since it was read) is only
   * fine if what the server holds there now is what we sent: our own earlier send, answer lost.
   */
  private async checkConflict(
    send: Send,
    entry: OutboxEntry,
    status: number,
    problem: Problem,
  ): Promise<Outcome> {
    const response = await this.request(send, entry.path, { method: 'GET' });
    if (!response) return { kind: 'stop', why: 'offline' };
    if (response.ok && sameRecord(entry.expect ?? entry.body, await response.json()))
      return { kind: 'sent' };
    if (RETRY_LATER.has(response.status) || response.status >= 500)
      return retryLater(response.status);
    return { kind: 'rejected', status, problem };
  }

  private async sendFile(send: Send, sha: string, owner: string): Promise<Outcome> {
    const db = await this.db;
    const file = await db.get('files', sha);
    if (!file) {
      // Not on this phone (kept from an earlier correction and already sent): the server decides.
      return { kind: 'sent' };
    }
    if (file.uploaded && file.owner === owner) return { kind: 'sent' };
    const response = await this.request(send, `${this.fileBase}/${sha}`, {
      method: 'PUT',
      headers: { 'Content-Type': file.type },
      body: file.bytes,
    });
    if (!response) return { kind: 'stop', why: 'offline' };
    if (response.ok) {
      await db.put('files', { ...file, owner, uploaded: true });
      return { kind: 'sent' };
    }
    if (RETRY_LATER.has(response.status) || response.status >= 500)
      return retryLater(response.status);
    return { kind: 'rejected', status: response.status, problem: await problemOf(response) };
  }
}

function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? (locks.request(name, task) as Promise<T>) : task();
}
