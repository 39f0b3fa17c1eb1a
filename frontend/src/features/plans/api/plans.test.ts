import { describe, expect, it } from 'vitest';

import { sameRecord } from '@/lib/offline/outbox';

import { PLAN_KIND, baseVersionOf, planBody, planEntry, planValuesOf, type PlanIn } from './plans';

const body: PlanIn = {
  main_measure: 'industry',
  goals: '',
  insurance: {
    insured: true,
    insurer: '人保',
    policy_number: 'P1',
    starts_on: '2026-01-01',
    ends_on: '2026-12-31',
    premium_paid_by: 'government',
  },
};

describe('a plan update in the outbox', () => {
  it('edits the plan read earlier with If-Match, keyed by household and year', () => {
    const entry = planEntry({
      householdId: 'h1',
      year: 2026,
      body,
      baseVersion: 3,
      label: '王某某',
      owner: 'user:c',
    });
    expect(entry.kind).toBe(PLAN_KIND);
    expect(entry.id).toBe('plan:h1:2026');
    expect(entry.path).toBe('/api/v1/plans/h1/2026');
    expect(entry.headers).toEqual({ 'If-Match': '"3"' });
    expect(baseVersionOf(entry.context ?? {})).toBe(3);
  });

  it('makes a new plan without If-Match', () => {
    const entry = planEntry({
      householdId: 'h1',
      year: 2026,
      body,
      baseVersion: null,
      label: '王某某',
      owner: 'user:c',
    });
    expect(entry.headers).toEqual({});
    expect(baseVersionOf(entry.context ?? {})).toBeNull();
  });

  it('recognises the stored plan, whose main measure is an object, as what it sent', () => {
    const entry = planEntry({
      householdId: 'h1',
      year: 2026,
      body,
      baseVersion: 3,
      label: '王某某',
      owner: 'user:c',
    });
    const stored = {
      ...body,
      main_measure: { code: 'industry', name_zh: '产业帮扶', measure_no: 1 },
      version: 4,
    };
    expect(sameRecord(entry.expect, stored)).toBe(true);
    expect(sameRecord(entry.expect, { ...stored, main_measure: { code: 'employment' } })).toBe(
      false,
    );
  });
});

describe('a plan from its form', () => {
  it('opens with the body it edits and sends it back the same', () => {
    expect(planBody(planValuesOf(body))).toEqual(body);
    expect(planValuesOf(null)).toMatchObject({ mainMeasure: '', insured: 'no', paidBy: '' });
  });

  it('empties the insurance of an uninsured plan and trims what was typed', () => {
    const values = {
      ...planValuesOf(body),
      insured: 'no' as const,
      goals: ' 发展茶叶 ',
      mainMeasure: '',
    };
    expect(planBody(values)).toEqual({
      main_measure: null,
      goals: '发展茶叶',
      insurance: {
        insured: false,
        insurer: '',
        policy_number: '',
        starts_on: null,
        ends_on: null,
        premium_paid_by: null,
      },
    });
  });
});
