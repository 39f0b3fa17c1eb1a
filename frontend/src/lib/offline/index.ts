export { DB_NAME, openOfflineDB, type OfflineDB, type OutboxEntry, type Rejection, type StoredFile } from './db';
export { Outbox, sameRecord, type NewEntry, type NewFile, type Send, type SyncReport } from './outbox';
export { JPEG_QUALITY, MAX_SIDE_PX, fitWithin, preparePhoto, type Photo } from './photos';
export { forgetReads, keepReads, restoreReads } from './reads';
export { sha256Hex, sha256Pure } from './sha256';
