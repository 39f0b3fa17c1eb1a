// The imports feature: templates, the dry run's report, the commit.
export { ImportPage } from './components/ImportPage';
