// The audit logs (the registry's and the assistance service's): the filterable page for the
// county admin, and a household's change history.
export { AuditList, type Picker } from './components/AuditList';
export { ChangeHistory } from './components/ChangeHistory';
