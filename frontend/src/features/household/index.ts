// The whole household on the admin side, read-only: visits with their flags, needs, the year's
// plan and insurance, the happiness list, alerts, and income by quarter against the 13,000 line.
export { IncomeByQuarter } from './components/IncomeByQuarter';
export { VisitTable } from './components/VisitTable';
export { AlertTable, NeedTable } from './components/FollowUps';
export { HappinessTable, PlanCard } from './components/PlanAndHappiness';
export type { Visit } from './api/record';
