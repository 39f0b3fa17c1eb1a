// The audit of whole reads, for the county admin.
export { AuditList } from './components/AuditList';
