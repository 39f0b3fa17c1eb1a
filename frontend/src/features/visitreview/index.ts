// The visits an officer reviews (走访): the filtered list, and one visit in full (VisitDetail,
// VisitDrawer) for any page that shows a household's visits.
export { VisitReviewPage } from './components/VisitReviewPage';
export { VisitDetail, VisitDrawer } from './components/VisitDetail';
export { VisitFlagTags } from './components/VisitFlags';
