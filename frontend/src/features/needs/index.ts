// Needs (诉求) raised on visits: the list, start and close with a note.
export { NeedList } from './components/NeedList';
