// Vitest: an in-memory IndexedDB for the offline queue's tests (Node has none).
import 'fake-indexeddb/auto';

// English is a chunk the app fetches when chosen; tests switch languages at once.
import { loadLanguage } from '@/lib/i18n';
await loadLanguage('en');
