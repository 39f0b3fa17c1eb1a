// The follow-ups feature: a household's open needs and open alerts, for the cadre's phone.
export { OpenAlerts } from './components/OpenAlerts';
export { OpenNeeds } from './components/OpenNeeds';
