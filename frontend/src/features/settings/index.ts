// The county admin's settings: targets (the plan's growth path by default) and ranking sets.
export { SettingsPage } from './components/SettingsPage';
