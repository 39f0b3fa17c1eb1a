import { describe, expect, it } from 'vitest';

import { alertQuery } from './alerts';

describe('alert filters', () => {
  it('sends only the filters set, with the page cursor', () => {
    expect(alertQuery({ status: 'open', rule: undefined, area: '', cadre_id: 'c1' }, null)).toEqual(
      { limit: 50, status: 'open', cadre_id: 'c1' },
    );
    expect(alertQuery({ rule: 'visit_risk', area: '331126101' }, 'abc')).toEqual({
      limit: 50,
      rule: 'visit_risk',
      area: '331126101',
      cursor: 'abc',
    });
  });
});
