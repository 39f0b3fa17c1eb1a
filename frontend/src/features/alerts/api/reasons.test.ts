import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';

import '@/lib/i18n';

import type { Alert } from './alerts';
import { alertReason } from './reasons';

const base = { period: '2026', head_name: '吴大山' } as unknown as Alert;
const alert = (rule: Alert['rule'], detail: object, period = '2026') =>
  ({ ...base, rule, detail, period }) as Alert;

describe('an alert says which risk', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('an income under the line, per resident and annualised', () => {
    const text = alertReason(
      alert('income_below_line', { period: '2026Q2', total_fen: 1_200_000, resident_count: 2 }),
      i18n.t,
      true,
    );
    expect(text).toContain('6,000.00');
    expect(text).toContain('12,000.00');
    expect(text).toContain('13,000.00');
  });

  it('a sharp drop against the same quarter a year before', () => {
    const text = alertReason(
      alert('income_drop', {
        period: '2026Q4',
        total_fen: 1_000_000,
        resident_count: 1,
        earlier_total_fen: 2_000_000,
        earlier_resident_count: 1,
      }),
      i18n.t,
      true,
    );
    expect(text).toContain('10,000.00');
    expect(text).toContain('20,000.00');
    expect(text).toContain('50.00%');
  });

  it("a visit's risk flags only to those shown health facts", () => {
    const risky = alert(
      'visit_risk',
      { visits: [{ risk_flags: ['serious_illness', 'job_loss'] }, { risk_flags: ['job_loss'] }] },
      '2026-07',
    );
    expect(alertReason(risky, i18n.t, true)).toContain('大病、失业');
    expect(alertReason(risky, i18n.t, false)).not.toMatch(/大病|失业/);
  });

  it('the month without a visit', () => {
    expect(alertReason(alert('visit_overdue', {}, '2026-07'), i18n.t, true)).toContain('2026-07');
  });
});
