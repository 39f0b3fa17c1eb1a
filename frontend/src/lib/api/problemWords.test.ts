import { describe, expect, it } from 'vitest';

import i18n from '../i18n';
import { ApiError, NetworkError } from './problems';
import {
  PROBLEM_TYPES,
  errorMessage,
  fieldErrorText,
  fieldLabel,
  fieldLines,
  isKind,
  problemMessage,
  problemWord,
  savedByOthers,
} from './problemWords';

const t = i18n.t.bind(i18n);

describe('a problem in the app’s words', () => {
  it('words each known type with its own key, whatever the server wrote', () => {
    for (const [kind, type] of Object.entries(PROBLEM_TYPES)) {
      expect(problemWord({ type, title: 'x', status: 409 })).toBe(`problems.${kind}`);
      expect(i18n.exists(`problems.${kind}`), kind).toBe(true);
    }
    const taken = {
      type: '/problems/duplicate-id-number',
      title: '冲突 / Conflict',
      status: 409,
      detail: '身份证号 3311… 已登记在农户 h1 / ID number … (head 吴)',
    };
    expect(problemMessage(taken, t)).toBe('该身份证号已登记在其他农户');
  });

  it('words an unknown type by its status, and shows the server text only when no status word fits', () => {
    expect(
      problemMessage(
        {
          type: '/problems/conflict',
          title: '与现有数据冲突 / Conflict',
          status: 409,
          detail: 'already ended',
        },
        t,
      ),
    ).toBe('与现有数据冲突，请刷新后重试');
    expect(problemMessage({ type: 'about:blank', title: 'Bad Gateway', status: 502 }, t)).toBe(
      '服务暂不可用，请稍后再试',
    );
    expect(problemMessage({ type: 'about:blank', title: 'Bad Gateway', status: 599 }, t)).toBe(
      '服务器暂时无法处理，请稍后再试',
    );
    expect(
      problemMessage(
        { type: '/problems/method-not-allowed', title: '不支持的方法', status: 405 },
        t,
      ),
    ).toBe('不支持的方法');
  });

  it('words each field error by its label and type, never by the server’s message', () => {
    const invalid = {
      type: '/problems/validation',
      title: '输入有误 / Invalid input',
      status: 422,
      detail: '字段有误 / invalid: household_id',
      errors: [
        {
          field: 'household_id',
          type: 'not_paired_to_you',
          message: '走访当日该户未与你结对 / not paired to you',
        },
      ],
    };
    expect(problemMessage(invalid, t)).toBe(
      '输入有误，请检查标出的内容；农户：走访当日该户未与你结对',
    );
  });

  it('says a pattern, a limit or a missing field in the user’s language (bug 6)', async () => {
    const village = {
      field: 'village',
      in: 'query',
      type: 'string_pattern_mismatch',
      ctx: { pattern: '^\\d{1,12}$' },
      message: "String should match pattern '^\\d{1,12}$'",
    };
    const tooLong = {
      field: 'members.2.name',
      type: 'string_too_long',
      ctx: { max_length: 50 },
      message: 'String should have at most 50 characters',
    };
    const problem = {
      type: '/problems/validation',
      title: '输入有误 / Invalid input',
      status: 422,
      errors: [village, tooLong, { field: 'reason', type: 'missing', message: 'Field required' }],
    };
    expect(fieldErrorText(village, t)).toBe('应为 1 至 12 位区划代码');
    expect(fieldLabel('members.2.name', t)).toBe('姓名（第 3 项）');
    expect(problemMessage(problem, t)).toBe(
      '输入有误，请检查标出的内容；村：应为 1 至 12 位区划代码；姓名（第 3 项）：最多 50 个字；原因：必须填写',
    );
    // A rule the app has no word for, a field it has no label for: still no server text.
    const odd = { field: 'zz_top', type: 'brand_new_rule', message: 'Value error, 怪 / odd' };
    expect(fieldLines({ ...problem, errors: [odd] }, t)).toEqual(['此项：填写有误']);
    await i18n.changeLanguage('en');
    const english = problemMessage(problem, t);
    expect(english).toBe(
      'Some input is invalid: check the marked fields; Village: must be an area code of 1 to 12 digits; Name (item 3): at most 50 characters; Reason: is required',
    );
    expect(english).not.toMatch(
      /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]|String should|Value error/,
    );
    await i18n.changeLanguage('zh-CN');
  });

  it('has a word for every type the services name', () => {
    // Service rules (services/**/errors.py, kit): a new one needs its word here.
    for (const type of [
      'invalid',
      'missing',
      'blank',
      'control_characters',
      'money_string',
      'money_format',
      'nul_character',
      'printable_ascii',
      'cursor',
      'outside_scope',
      'no_such_area',
      'not_a_village',
      'one_head',
      'repeated_id_number',
      'not_applicable',
      'future',
      'before_last_change',
      'year_range',
      'backdate_reason_needed',
      'not_paired',
      'not_paired_to_you',
      'id_number',
      'credit_code',
      'weak_password',
      'same_password',
    ])
      expect(i18n.exists(`validation.types.${type}`), type).toBe(true);
  });

  it('a stale version is someone else saving first; a taken ID number or a closed need is not', () => {
    expect(savedByOthers({ type: '/problems/stale-version', title: 'x', status: 412 })).toBe(true);
    expect(savedByOthers({ type: 'about:blank', title: 'x', status: 412 })).toBe(true);
    expect(
      savedByOthers({
        type: '/problems/duplicate-id-number',
        title: 'x',
        status: 409,
        field: 'members.1.id_number',
      }),
    ).toBe(false);
    expect(savedByOthers({ type: '/problems/closed', title: 'x', status: 409 })).toBe(false);
    expect(
      isKind({ type: '/problems/closed', title: 'x', status: 409 }, 'closed', 'concurrentWrite'),
    ).toBe(true);
    expect(isKind(null, 'closed')).toBe(false);
  });

  it('no answer at all is "check the network"; English when chosen', async () => {
    expect(errorMessage(new NetworkError(new TypeError('Failed to fetch')), t)).toBe(
      '请检查网络后重试',
    );
    await i18n.changeLanguage('en');
    expect(
      errorMessage(new ApiError({ type: '/problems/duplicate-phone', title: 'x', status: 409 }), t),
    ).toBe('This phone number is already taken');
    await i18n.changeLanguage('zh-CN');
  });
});
