// The caseload feature: the cadre's own households (this month's visit schedule, last month's overdue) and one household's details.
export { HouseholdList } from './components/HouseholdList';
export { HouseholdDetails } from './components/HouseholdDetails';
export { useHousehold } from './hooks/useHousehold';
export { useMyHouseholds, type MyHousehold } from './hooks/useMyHouseholds';
export type { Household } from './api/caseload';
