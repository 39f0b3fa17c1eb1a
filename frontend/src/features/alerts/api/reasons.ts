/**
 * Which risk an alert is about, in words: the figures behind an income alert, the flags a visit
 * raised, the month without a visit. The flags are health facts (DOMAIN.md, Privacy): only the
 * roles that handle alerts receive them from the API, and a screen shows them only when asked
 * (`showHealth`).
 */
import type { TFunction } from 'i18next';

import { formatList } from '@/lib/format';
import type { Alert } from './alerts';

const LINE_YUAN = 13_000;

interface IncomeDetail {
  period?: string;
  total_fen?: number;
  resident_count?: number;
  earlier_total_fen?: number;
  earlier_resident_count?: number;
}

interface RiskDetail {
  visits?: { risk_flags?: string[]; occurred_at?: string }[];
}

/** Yuan with two decimals and thousand separators, "12,345.67". */
export function yuan(value: number): string {
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** Per resident, in yuan (fen ÷ residents ÷ 100); null without residents. */
function perCapita(totalFen: number | undefined, residents: number | undefined): number | null {
  return totalFen === undefined || !residents ? null : totalFen / residents / 100;
}

/** The quarter of "2026Q3" (4 for a year). */
const quarterOf = (period: string | undefined) => Number(/Q(\d)$/.exec(period ?? '')?.[1] ?? 4);

export function alertReason(alert: Alert, t: TFunction, showHealth: boolean): string {
  const detail = alert.detail as IncomeDetail & RiskDetail;
  switch (alert.rule) {
    case 'income_below_line': {
      const now = perCapita(detail.total_fen, detail.resident_count);
      if (now === null) return t('followup.reason.belowLineBare', { line: yuan(LINE_YUAN) });
      const quarter = quarterOf(detail.period);
      return t('followup.reason.belowLine', {
        period: detail.period,
        perCapita: yuan(now),
        annual: yuan((now * 4) / quarter),
        line: yuan(LINE_YUAN),
      });
    }
    case 'income_drop': {
      const now = perCapita(detail.total_fen, detail.resident_count);
      const before = perCapita(detail.earlier_total_fen, detail.earlier_resident_count);
      if (now === null || !before) return t('followup.reason.dropBare');
      return t('followup.reason.drop', {
        period: detail.period,
        perCapita: yuan(now),
        before: yuan(before),
        share: ((1 - now / before) * 100).toFixed(2),
      });
    }
    case 'visit_risk': {
      if (!showHealth) return t('followup.reason.riskHidden');
      const flags = [...new Set((detail.visits ?? []).flatMap((v) => v.risk_flags ?? []))];
      const words = flags.map((flag) => t(`enums.riskFlag.${flag}`, { defaultValue: flag }));
      return t('followup.reason.risk', { flags: formatList(words) });
    }
    case 'visit_overdue':
      return t('followup.reason.overdue', { month: alert.period });
  }
}
