import { describe, expect, it } from 'vitest';

import type { ScheduleItem } from '../api/caseload';
import { previousMonth } from '../api/caseload';
import { matchesName, mergeSchedule } from './useMyHouseholds';

const item = (
  id: string,
  name: string,
  status: ScheduleItem['status'],
  visits = 0,
): ScheduleItem => ({
  household_id: id,
  head_name: name,
  village_code: '331126101201',
  cadre_id: 'c1',
  cadre_name: '张帮扶',
  visits,
  last_visit_at: visits ? '2026-11-02T09:00:00+08:00' : null,
  status,
});

describe('my households', () => {
  it('puts last month’s unvisited first, then those due, then those visited', () => {
    const current = [
      item('a', '叶春花', 'visited', 1),
      item('b', '吴建国', 'pending'),
      item('c', '李明', 'pending'),
    ];
    const lastMonth = [item('c', '李明', 'overdue'), item('a', '叶春花', 'overdue')];
    const merged = mergeSchedule(current, lastMonth);
    expect(merged.map((h) => [h.id, h.due])).toEqual([
      ['c', 'overdue'],
      ['b', 'pending'],
      ['a', 'visited'], // overdue last month, but visited since
    ]);
  });

  it('searches by the head’s name, ignoring spaces', () => {
    const [household] = mergeSchedule([item('b', '吴建国', 'pending')], []);
    expect(matchesName(household!, '建 国')).toBe(true);
    expect(matchesName(household!, '李')).toBe(false);
    expect(matchesName(household!, '')).toBe(true);
  });

  it('knows the month before', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});
