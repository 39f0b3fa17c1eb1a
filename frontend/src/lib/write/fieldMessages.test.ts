import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import { fieldMessages, fieldPath } from './fieldMessages';

const t = i18n.t.bind(i18n);

describe('a refusal shown on a form', () => {
  it('puts each named field on its form path, numbers as indexes', () => {
    expect(fieldPath('members.2.id_number')).toEqual(['members', 2, 'id_number']);
    const problem = {
      type: '/problems/validation',
      title: '输入有误',
      status: 422,
      detail: 'invalid',
      errors: [
        {
          field: 'home_area_code',
          type: 'outside_scope',
          message: '不在范围内 / outside your area',
        },
      ],
    };
    expect(fieldMessages(problem, t)).toEqual({
      fields: [{ name: ['home_area_code'], errors: ['不在你的管辖范围内'] }],
      rest: [],
    });
  });

  it("takes a 409's field, worded by its type, and keeps what the form has no place for for the alert", () => {
    const taken = {
      type: '/problems/duplicate-id-number',
      title: 'Conflict',
      status: 409,
      detail: '身份证号已登记在农户 …',
      field: 'members.1.id_number',
    };
    expect(
      fieldMessages(taken, t, (f) => (f === 'members.1.id_number' ? ['id_number'] : null)).fields,
    ).toEqual([{ name: ['id_number'], errors: ['该身份证号已登记在其他农户'] }]);
    expect(fieldMessages(taken, t, () => null)).toEqual({
      fields: [],
      rest: ['身份证号（第 2 项）：该身份证号已登记在其他农户'],
    });
  });

  it('a problem naming no field is one message, in the app’s words', () => {
    expect(
      fieldMessages({ type: '/problems/forbidden', title: 'Forbidden', status: 403 }, t).rest,
    ).toEqual(['无权执行此操作']);
  });
});
