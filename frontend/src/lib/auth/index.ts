export {
  Auth,
  LoginError,
  REFRESH_MARGIN_MS,
  browserStorage,
  memoryStorage,
  type Me,
  type Session,
  type SessionStorage,
} from './session';
export {
  adminSections,
  canAudit,
  canEditAreas,
  canManageUsers,
  canSeeRiskFlags,
  canWrite,
  type AdminSection,
} from './roles';
