import { describe, expect, it } from 'vitest';

import { childLength } from './areas';
import { cadreBody, cadreQuery } from './cadres';
import { entityBody, entityQuery, type EntityBody } from './entities';
import { byActiveThenRecent } from './links';

describe('cadres', () => {
  it('a blank phone keeps the one on file; the list query leaves out empty filters', () => {
    const form = {
      name: ' 张帮扶 ',
      phone: ' ',
      department_id: 'd',
      type: 'township_staff' as const,
      skills: ['茶叶'],
      home_area_code: '331126101',
    };
    expect(cadreBody(form, '13812341234', false)).toMatchObject({
      name: '张帮扶',
      phone: '13812341234',
      active: false,
    });
    expect(cadreBody({ ...form, phone: '0578-1234567' }, '13812341234', true).phone).toBe(
      '0578-1234567',
    );
    expect(cadreBody(form, null, true).phone).toBeNull();
    expect(cadreQuery({ q: ' ', active: true }, 'c1')).toEqual({
      active: true,
      cursor: 'c1',
      limit: 20,
    });
  });
});

describe('entities', () => {
  const values: EntityBody = {
    name: ' 竹源合作社 ',
    type: 'cooperative',
    enterprise_level: 'county',
    quality_grade: 'city',
    credit_code: ' ',
    village_code: '331126101201',
    industry: 'bamboo',
    status: 'active',
    nhl_member: false,
  };

  it('a level only for a leading enterprise, a grade only for a family farm, a blank credit code left out', () => {
    expect(entityBody(values)).toMatchObject({
      name: '竹源合作社',
      enterprise_level: null,
      quality_grade: 'none',
      credit_code: null,
    });
    expect(entityBody({ ...values, type: 'leading_enterprise' }).enterprise_level).toBe('county');
    expect(entityBody({ ...values, type: 'family_farm' }).quality_grade).toBe('city');
  });

  it('filters by type and area prefix', () => {
    expect(entityQuery({ type: 'family_farm', village: '331126101' }, null)).toEqual({
      type: 'family_farm',
      village: '331126101',
      limit: 20,
    });
  });
});

describe('areas and links', () => {
  it("a county's children have 9 digits, a township's 12, a village none", () => {
    expect(childLength('331126')).toBe(9);
    expect(childLength('331126101')).toBe(12);
    expect(childLength('331126101201')).toBeNull();
  });

  it('active links first, then the most recent', () => {
    const links = [
      { id: '1', active: false, started_on: '2025-01-01' },
      { id: '2', active: true, started_on: '2023-01-01' },
      { id: '3', active: false, started_on: '2026-01-01' },
    ];
    expect(byActiveThenRecent(links).map((l) => l.id)).toEqual(['2', '3', '1']);
  });
});
