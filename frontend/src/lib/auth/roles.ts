/**
 * What each role may do in the admin app, so what it may not do is never offered. The server
 * decides in the end (scopes, township filters); this only hides what would be refused.
 */
export type AdminSection =
  | 'dashboard'
  | 'households'
  | 'visits'
  | 'cadres'
  | 'entities'
  | 'areas'
  | 'imports'
  | 'alerts'
  | 'needs'
  | 'audit'
  | 'users'
  | 'settings';

const WRITERS = ['county_admin', 'township_officer'];
const ALERT_HANDLERS = ['county_admin', 'township_officer', 'cadre'];

/** Officers and the county admin write; leaders only read. */
export function canWrite(roles: readonly string[]): boolean {
  return roles.some((role) => WRITERS.includes(role));
}

/** The audit of whole reads is for the county admin alone. */
export function canAudit(roles: readonly string[]): boolean {
  return roles.includes('county_admin');
}

/** Logins (seeing and clearing a lock from failed logins) are the county admin's (the API's users endpoints are admin-only). */
export function canManageUsers(roles: readonly string[]): boolean {
  return roles.includes('county_admin');
}

/** The division tree is the county admin's to change (the API's areas writes are admin-only). */
export function canEditAreas(roles: readonly string[]): boolean {
  return roles.includes('county_admin');
}

/**
 * Alerts name households and carry health facts, so the API lists them only to those who handle
 * them (the county admin, officers, cadres); a leader gets 403. Needs a leader may read.
 */
export function canSeeAlerts(roles: readonly string[]): boolean {
  return roles.some((role) => ALERT_HANDLERS.includes(role));
}

/**
 * A visit's risk flags are health facts: the API shows them to officers and the county admin of
 * the visit's area (and to cadres), never to leaders, and refuses a leader's filter by them.
 */
export function canSeeRiskFlags(roles: readonly string[]): boolean {
  return roles.some((role) => WRITERS.includes(role));
}

/** The admin app's menu for these roles, in menu order. */
export function adminSections(roles: readonly string[]): AdminSection[] {
  const sections: AdminSection[] = [
    'dashboard',
    'households',
    'visits',
    'cadres',
    'entities',
    'areas',
  ];
  if (canWrite(roles)) sections.push('imports');
  if (canSeeAlerts(roles)) sections.push('alerts');
  sections.push('needs');
  if (canAudit(roles)) sections.push('audit');
  if (canManageUsers(roles)) sections.push('users');
  // Targets and ranking sets are the county admin's (the API's writes are admin-only).
  if (roles.includes('county_admin')) sections.push('settings');
  return sections;
}
