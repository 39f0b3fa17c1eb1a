import { describe, expect, it } from 'vitest';

import i18n from '../i18n';
import { ApiError, NetworkError } from './problems';
import {
  PROBLEM_TYPES,
  errorMessage,
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

  it('keeps the field messages after the word', () => {
    const invalid = {
      type: '/problems/validation',
      title: '输入有误 / Invalid input',
      status: 422,
      detail: '字段有误 / invalid: household_id',
      errors: [{ field: 'household_id', message: '未结对' }],
    };
    expect(problemMessage(invalid, t)).toBe('输入有误，请检查标出的内容；household_id: 未结对');
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
