import { describe, expect, it } from 'vitest';

import { fieldMessages, fieldPath, savedByOthers } from './problemFields';

describe('a refusal shown on a form', () => {
  it('puts each named field on its form path, numbers as indexes', () => {
    expect(fieldPath('members.2.id_number')).toEqual(['members', 2, 'id_number']);
    const problem = { type: 'x', title: '输入有误', status: 422, detail: 'invalid', errors: [{ field: 'home_area_code', message: '不在你的范围内' }] };
    expect(fieldMessages(problem)).toEqual({ fields: [{ name: ['home_area_code'], errors: ['不在你的范围内'] }], rest: [] });
  });

  it("takes a 409's field, and keeps what the form has no place for for the alert", () => {
    const taken = { type: 'x', title: 'Conflict', status: 409, detail: '身份证号已登记在农户 …', field: 'members.1.id_number' };
    expect(fieldMessages(taken, (f) => (f === 'members.1.id_number' ? ['id_number'] : null)).fields).toEqual([
      { name: ['id_number'], errors: ['身份证号已登记在农户 …'] },
    ]);
    expect(fieldMessages(taken, () => null)).toEqual({ fields: [], rest: ['members.1.id_number: 身份证号已登记在农户 …'] });
  });

  it('a problem naming no field is one message', () => {
    expect(fieldMessages({ type: 'x', title: 'Forbidden', status: 403 }).rest).toEqual(['Forbidden']);
  });

  it('a stale version, or a 409 about no field, is someone else saving first; a taken ID number is not', () => {
    expect(savedByOthers({ type: 'x', title: 'stale', status: 412 })).toBe(true);
    expect(savedByOthers({ type: 'x', title: 'already ended', status: 409 })).toBe(true);
    expect(savedByOthers({ type: 'x', title: 'taken', status: 409, field: 'credit_code' })).toBe(false);
    expect(savedByOthers({ type: 'x', title: 'bad', status: 422 })).toBe(false);
  });
});
