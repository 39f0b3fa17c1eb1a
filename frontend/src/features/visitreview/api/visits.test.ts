import { describe, expect, it } from 'vitest';

import { lastCompletedMonth, monthChoices, runningMonth } from './months';
import { visitQuery } from './visits';

describe('the visits view', () => {
  it('opens on the last completed month, with the running month beside it', () => {
    // 00:30 on 1 December in Shanghai is still 30 November in UTC.
    const now = new Date('2026-11-30T16:30:00Z');
    expect(runningMonth(now)).toBe('2026-12');
    expect(lastCompletedMonth(now)).toBe('2026-11');
    const choices = monthChoices(now, 2);
    expect(choices.map((c) => [c.month, c.kind])).toEqual([
      ['2026-11', 'last'],
      ['2026-12', 'running'],
      ['2026-10', 'earlier'],
      ['2026-09', 'earlier'],
    ]);
    expect(lastCompletedMonth(new Date('2027-01-10T02:00:00Z'))).toBe('2026-12');
  });

  it('asks the API for each ticked flag, and only the filters set', () => {
    expect(
      visitQuery({ month: '2026-11', flags: ['late_entry', 'far_from_home'], village: '' }, null),
    ).toEqual({ limit: 50, month: '2026-11', late_entry: true, far_from_home: true });
    expect(visitQuery({ month: '2026-11', flags: [], cadre_id: 'c1' }, 'next')).toEqual({
      limit: 50,
      month: '2026-11',
      cadre_id: 'c1',
      cursor: 'next',
    });
  });
});
