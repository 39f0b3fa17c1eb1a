// Alerts (预警): the filtered list; acknowledge, assign, close with a note.
export { AlertList } from './components/AlertList';
