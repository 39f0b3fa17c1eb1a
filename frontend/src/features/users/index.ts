// Accounts (账号), the county admin's: logins of the area, and clearing a lock from failed logins.
export { UserList } from './components/UserList';
export { UserSelect } from './components/UserSelect';
