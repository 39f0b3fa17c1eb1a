// Vitest: an in-memory IndexedDB for the offline queue's tests (Node has none).
import 'fake-indexeddb/auto';
