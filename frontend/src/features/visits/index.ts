// The visits feature: what the apps use of it.
export { VisitForm } from './components/VisitForm';
export { VisitList } from './components/VisitList';
export { VisitView } from './components/VisitView';
export { VISIT_KIND, type VisitIn } from './api/visits';
