import { describe, expect, it } from 'vitest';

import { adminSections, canAudit, canEditAreas, canWrite } from './roles';

describe('admin roles', () => {
  it('leaders read: no imports, no audit, no writes', () => {
    expect(canWrite(['leader'])).toBe(false);
    expect(adminSections(['leader'])).toEqual(['dashboard', 'households', 'cadres', 'entities', 'areas', 'alerts', 'needs']);
    expect(canEditAreas(['leader'])).toBe(false);
  });

  it('township officers write and import, but see no audit', () => {
    expect(canWrite(['township_officer'])).toBe(true);
    expect(canAudit(['township_officer'])).toBe(false);
    expect(adminSections(['township_officer'])).toEqual(['dashboard', 'households', 'cadres', 'entities', 'areas', 'imports', 'alerts', 'needs']);
    expect(canEditAreas(['township_officer'])).toBe(false);
  });

  it('the county admin sees everything', () => {
    expect(adminSections(['county_admin'])).toContain('audit');
    expect(canEditAreas(['county_admin'])).toBe(true);
    expect(adminSections(['county_admin'])).toContain('imports');
  });
});
