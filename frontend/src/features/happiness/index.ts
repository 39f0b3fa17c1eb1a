// The happiness-list feature (幸福清单): a household's items, and adding one from the phone.
export { HappinessForm } from './components/HappinessForm';
export { HappinessSection } from './components/HappinessSection';
export { HAPPINESS_KIND, happinessEntry, toYuan, type HappinessItemIn } from './api/happiness';
