import { describe, expect, it } from 'vitest';

import { lockEnds, userQuery } from './users';

describe('the accounts list', () => {
  it('asks for the locked ones only when filtered so, with the page cursor', () => {
    expect(userQuery({}, null)).toEqual({ limit: 50 });
    expect(userQuery({ locked: true }, 'abc')).toEqual({ limit: 50, locked: true, cursor: 'abc' });
  });

  it("shows when a lock ends on the county's clock, hours and minutes", () => {
    expect(lockEnds('2026-12-03T06:35:10Z')).toBe('14:35');
    expect(lockEnds('2026-12-03T16:05:00+00:00')).toBe('00:05');
  });
});
