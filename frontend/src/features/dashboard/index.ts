// The dashboard feature (ECharts lives here only; the admin app loads it lazily).
export { DashboardPage } from './components/DashboardPage';
