// The auth feature: the login page and where a login lands.
export { LoginPage } from './components/LoginPage';
export { homeFor } from './api/login';
