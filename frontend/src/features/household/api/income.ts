/**
 * A household's income by quarter against the 13,000-yuan line (shared/DOMAIN.md, "Exact
 * definitions"): per-capita income = the four components' sum ÷ resident members; for Q1–Q3 the
 * year-to-date figure is annualised (× 4 ÷ quarter); below the line when that is under 13,000.
 * Compared exactly, in integer fen, before anything is rounded for show.
 */
import { formatNumber } from '@/lib/format';

export const LINE_FEN = 1_300_000n;

export interface QuarterIncome {
  period: string;
  year: number;
  quarter: number;
  totalFen: bigint;
  residents: number;
  /** per capita, year to date, in fen (rounded half up for show only) */
  perCapitaFen: bigint;
  /** per capita for the year: the Q4 figure, or Q1–Q3's annualised */
  annualisedFen: bigint;
  below: boolean;
}

/** "12345.67" (or "-5.5") → fen, exactly. */
export function toFen(amount: string): bigint {
  const negative = amount.trim().startsWith('-');
  const [whole = '0', fraction = ''] = amount.trim().replace('-', '').split('.');
  const fen = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -fen : fen;
}

const divRound = (numerator: bigint, denominator: bigint) =>
  (2n * numerator + denominator) / (2n * denominator);

interface Record {
  period: string;
  year: number;
  quarter: number;
  total_income: string;
  resident_count: number;
}

export function quarterIncome(record: Record): QuarterIncome {
  const totalFen = toFen(record.total_income);
  const residents = BigInt(Math.max(record.resident_count, 1));
  const quarter = BigInt(record.quarter);
  return {
    period: record.period,
    year: record.year,
    quarter: record.quarter,
    totalFen,
    residents: record.resident_count,
    perCapitaFen: divRound(totalFen, residents),
    annualisedFen: divRound(totalFen * 4n, residents * quarter),
    // total × 4 < 13,000 yuan × quarter × residents, all in integers
    below: totalFen * 4n < LINE_FEN * quarter * residents,
  };
}

/** Oldest first, so the table reads as a line over time. */
export function incomeByQuarter(records: readonly Record[]): QuarterIncome[] {
  return records.map(quarterIncome).sort((a, b) => a.year - b.year || a.quarter - b.quarter);
}

/** Fen as yuan with thousand separators and two decimals, as money reads everywhere: "25,123.40". */
export function yuan(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  const cents = String(abs % 100n).padStart(2, '0');
  return formatNumber(`${fen < 0n ? '-' : ''}${abs / 100n}.${cents}`, 2);
}
