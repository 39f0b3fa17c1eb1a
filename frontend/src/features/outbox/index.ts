// The outbox feature: the badge and the list of what waits on the phone.
export { OutboxBadge } from './components/OutboxBadge';
export { OutboxList } from './components/OutboxList';
export { useOutboxCounts } from './hooks/useOutbox';
