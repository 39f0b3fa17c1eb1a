// The dashboard as its own lazy chunk: kept under apps/admin/ so the service worker (vite.config's
// offlineFiles) leaves it, with ECharts, off a cadre's phone.
import { DashboardPage } from '@/features/dashboard';

export default DashboardPage;
