// The registry feature for the admin app: household search, a household, its edit.
export { HouseholdSearch } from './components/HouseholdSearch';
export { HouseholdView } from './components/HouseholdView';
export { HouseholdCreateForm } from './components/HouseholdCreateForm';
