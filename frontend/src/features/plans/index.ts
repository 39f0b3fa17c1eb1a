// The plans feature: a household's plan for the year, its main measure and insurance.
export { PlanForm } from './components/PlanForm';
export { PlanSection } from './components/PlanSection';
export { PLAN_KIND, planEntry, planEntryId, type PlanIn } from './api/plans';
