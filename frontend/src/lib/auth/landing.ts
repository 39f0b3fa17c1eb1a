/**
 * Where a login lands. A page the login guard sent to /login is saved with who was logged in when
 * it happened; the next login goes back there only if it is that same user and their role may open
 * it. An explicit logout forgets the user, so whoever logs in next starts at their own home (a cadre
 * at /m, everyone else at /admin), never at the previous user's page.
 */
import { adminSections } from './roles';

export const CADRE_ROLES = ['cadre'];
export const ADMIN_ROLES = ['county_admin', 'township_officer', 'leader'];

const ADMIN_MENU: readonly string[] = [
  'dashboard',
  'households',
  'cadres',
  'entities',
  'areas',
  'imports',
  'alerts',
  'needs',
  'audit',
  'settings',
];

/** What the login guard puts in the location state of /login. */
export interface SavedPlace {
  from: string;
  /** the subject logged in when the page was left (null: nobody known) */
  subject: string | null;
}

/** A cadre's home is the phone app; everyone else's the admin app. */
export function homeFor(roles: readonly string[]): string {
  return roles.includes('cadre') ? '/m' : '/admin';
}

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** Whether these roles may open the page (the app, and for the admin app the menu section). */
export function mayOpen(roles: readonly string[], path: string): boolean {
  if (within(path, '/m')) return roles.some((role) => CADRE_ROLES.includes(role));
  if (within(path, '/admin')) {
    if (!roles.some((role) => ADMIN_ROLES.includes(role))) return false;
    const section = path.split('/')[2];
    return (
      !section ||
      !ADMIN_MENU.includes(section) ||
      (adminSections(roles) as readonly string[]).includes(section)
    );
  }
  return false;
}

/** The saved place for the same user whose role may open it, else the user's home. */
export function landingFor(
  me: { subject: string; roles: readonly string[] },
  saved: Partial<SavedPlace> | null | undefined,
): string {
  const from = saved?.from;
  if (from && saved.subject === me.subject && mayOpen(me.roles, from)) return from;
  return homeFor(me.roles);
}

const LAST_SUBJECT = 'fumin.lastSubject';

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Remember who is logged in (kept across an expiry, so their own next login returns them). */
export function rememberSubject(subject: string): void {
  store()?.setItem(LAST_SUBJECT, subject);
}

/** Who was logged in last, unless they logged out. */
export function lastSubject(): string | null {
  return store()?.getItem(LAST_SUBJECT) ?? null;
}

/** An explicit logout: the next login, whoever it is, goes home. */
export function forgetSubject(): void {
  store()?.removeItem(LAST_SUBJECT);
}
