import { describe, expect, it } from 'vitest';

import {
  adminSections,
  canAudit,
  canEditAreas,
  canManageUsers,
  canSeeAlerts,
  canSeeRiskFlags,
  canWrite,
} from './roles';

describe('admin roles', () => {
  it('leaders read: no imports, no audit, no writes', () => {
    expect(canWrite(['leader'])).toBe(false);
    expect(adminSections(['leader'])).toEqual([
      'dashboard',
      'households',
      'visits',
      'cadres',
      'entities',
      'areas',
      'needs',
    ]);
    expect(canEditAreas(['leader'])).toBe(false);
  });

  it('leaders are not offered alerts, which the API refuses them (403); needs they may read', () => {
    expect(canSeeAlerts(['leader'])).toBe(false);
    expect(adminSections(['leader'])).not.toContain('alerts');
    expect(adminSections(['leader'])).toContain('needs');
    expect(canSeeAlerts(['township_officer'])).toBe(true);
    expect(canSeeAlerts(['county_admin'])).toBe(true);
  });

  it('township officers write and import, but see no audit', () => {
    expect(canWrite(['township_officer'])).toBe(true);
    expect(canAudit(['township_officer'])).toBe(false);
    expect(adminSections(['township_officer'])).toEqual([
      'dashboard',
      'households',
      'visits',
      'cadres',
      'entities',
      'areas',
      'imports',
      'alerts',
      'needs',
    ]);
    expect(canEditAreas(['township_officer'])).toBe(false);
  });

  it('the county admin sees everything', () => {
    expect(adminSections(['county_admin'])).toContain('audit');
    expect(canEditAreas(['county_admin'])).toBe(true);
    expect(adminSections(['county_admin'])).toContain('imports');
  });

  it('only the county admin is offered the accounts (seeing and clearing locks)', () => {
    expect(canManageUsers(['county_admin'])).toBe(true);
    expect(adminSections(['county_admin'])).toContain('users');
    for (const role of ['township_officer', 'leader', 'cadre']) {
      expect(canManageUsers([role])).toBe(false);
      expect(adminSections([role])).not.toContain('users');
    }
  });

  it('visits are offered to every admin role; the risk filter only to those shown risk flags', () => {
    for (const role of ['leader', 'township_officer', 'county_admin'])
      expect(adminSections([role])).toContain('visits');
    expect(canSeeRiskFlags(['leader'])).toBe(false);
    expect(canSeeRiskFlags(['township_officer'])).toBe(true);
    expect(canSeeRiskFlags(['county_admin'])).toBe(true);
  });

  it('only the county admin is offered the settings (targets, ranking sets)', () => {
    expect(adminSections(['county_admin']).at(-1)).toBe('settings');
    for (const role of ['township_officer', 'leader', 'cadre'])
      expect(adminSections([role])).not.toContain('settings');
  });
});
