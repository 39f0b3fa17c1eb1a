// The registry feature for the admin app: households and their members, cadres, entities, areas,
// and the links between them (挂联, 带动, 结对) with the cadre handover.
export { HouseholdSearch } from './components/HouseholdSearch';
export { HouseholdView, type HouseholdTab } from './components/HouseholdView';
export { HouseholdCreateForm } from './components/HouseholdCreateForm';
export { CadreList } from './components/CadreList';
export { CadreView } from './components/CadreView';
export { EntityList } from './components/EntityList';
export { EntityView } from './components/EntityView';
export { AreaTree } from './components/AreaTree';
export { HouseholdSelect } from './components/pickers';
