import { beforeEach, describe, expect, it, vi } from 'vitest';

import { forgetSubject, landingFor, lastSubject, mayOpen, rememberSubject } from './landing';

const cadre = { subject: 'user:zhang', roles: ['cadre'] };
const otherCadre = { subject: 'user:li', roles: ['cadre'] };
const officer = { subject: 'user:wang', roles: ['township_officer'] };
const leader = { subject: 'user:zhao', roles: ['leader'] };

describe('where a login lands', () => {
  beforeEach(() => {
    // Node has no localStorage: a Map behind the same three methods.
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
      removeItem: (key: string) => items.delete(key),
    });
  });

  it('goes home without a saved place: a cadre to /m, an officer to /admin', () => {
    expect(landingFor(cadre, null)).toBe('/m');
    expect(landingFor(officer, undefined)).toBe('/admin');
  });

  it('returns the same user to the page they were sent away from (an expired login)', () => {
    expect(landingFor(cadre, { from: '/m/households/h1', subject: cadre.subject })).toBe(
      '/m/households/h1',
    );
    expect(landingFor(officer, { from: '/admin/alerts', subject: officer.subject })).toBe(
      '/admin/alerts',
    );
  });

  it('never sends another user to the previous user’s page', () => {
    const left = { from: '/m/households/h1', subject: cadre.subject };
    expect(landingFor(otherCadre, left)).toBe('/m');
    expect(landingFor(officer, left)).toBe('/admin');
    expect(landingFor(cadre, { from: '/admin/audit', subject: officer.subject })).toBe('/m');
  });

  it('honours nothing saved when nobody was known to be logged in (after a logout)', () => {
    expect(landingFor(cadre, { from: '/m/me', subject: null })).toBe('/m');
    expect(landingFor(cadre, { from: '/m/me' })).toBe('/m');
  });

  it('honours the same user only where their role may go', () => {
    expect(
      landingFor({ ...cadre, subject: 'user:x' }, { from: '/admin/households', subject: 'user:x' }),
    ).toBe('/m');
    expect(landingFor({ ...leader }, { from: '/admin/imports', subject: leader.subject })).toBe(
      '/admin',
    );
    expect(landingFor({ ...leader }, { from: '/admin/alerts', subject: leader.subject })).toBe(
      '/admin',
    );
    expect(
      landingFor({ ...leader }, { from: '/admin/households/h1', subject: leader.subject }),
    ).toBe('/admin/households/h1');
    expect(landingFor(cadre, { from: '/login', subject: cadre.subject })).toBe('/m');
  });

  it('mayOpen: the app by role, and an admin section by the menu', () => {
    expect(mayOpen(['cadre'], '/m')).toBe(true);
    expect(mayOpen(['cadre'], '/mx')).toBe(false);
    expect(mayOpen(['county_admin'], '/admin/audit')).toBe(true);
    expect(mayOpen(['township_officer'], '/admin/audit')).toBe(false);
  });

  it('a logout forgets who it was; a new login is remembered', () => {
    rememberSubject(cadre.subject);
    expect(lastSubject()).toBe(cadre.subject);
    forgetSubject();
    expect(lastSubject()).toBeNull();
  });
});
