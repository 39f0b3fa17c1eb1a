// Drill-down: visits to the households not visited, the six ones by area, households under 13,000.
export { DrillPage } from './components/DrillPage';
