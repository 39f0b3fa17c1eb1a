// Alerts and needs: lists, acknowledge / start / close with a note.
export { AlertList } from './components/AlertList';
export { NeedList } from './components/NeedList';
