// The households feature: what the apps use of it.
export { HouseholdList } from './components/HouseholdList';
export { HouseholdDetails } from './components/HouseholdDetails';
export { useHousehold } from './hooks/useHousehold';
export { useMyHouseholds, type MyHousehold } from './hooks/useMyHouseholds';
export type { Household } from './api/households';
