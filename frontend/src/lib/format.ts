/**
 * Numbers, money, shares, periods and dates as people read them: the one place every screen
 * formats what it shows (docs/frontend.md, "Numbers and dates").
 *
 * - Numbers with thousand separators (12,345.67), money with two decimals and 元 ("yuan" in
 *   English: never ¥), shares and growth as 84.46% — rounded half up as shared/DOMAIN.md says,
 *   on the decimal string the API sends (no float ever rounds a figure).
 * - Dates as 2026-12-03 and times as 2026-12-03 14:05, in the county's clock (Asia/Shanghai),
 *   whatever the device's zone or language.
 * - Nothing to show (null, undefined, "") is "—".
 *
 * The API's own formats (ISO times with offset, a date input's value) live in `lib/time.ts`.
 */
import i18n from './i18n';

export const EMPTY = '—';

type Figure = string | number | null | undefined;

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A plain decimal ("-1234.565", 12.5) rounded half up (away from zero) to `digits` decimals, as a string. */
export function roundHalfUp(value: string | number, digits: number): string {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = PLAIN.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = ''] = match;
  const padded = (fraction + '0'.repeat(digits + 1)).slice(0, digits + 1);
  let scaled = BigInt(whole + padded.slice(0, digits));
  if (Number(padded[digits]) >= 5) scaled += 1n;
  const digitsText = scaled.toString().padStart(digits + 1, '0');
  const intPart = digitsText.slice(0, digitsText.length - digits);
  const fracPart = digits ? `.${digitsText.slice(-digits)}` : '';
  const zero = /^0+$/.test(intPart + fracPart.slice(1));
  return `${sign && !zero ? '-' : ''}${intPart}${fracPart}`;
}

/** A JS number as plain decimal text (no exponent). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

function group(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

function blank(value: Figure): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/** 12345.678 → "12,345.68" (digits decimals, half up); a count with digits 0: "1,234". */
export function formatNumber(value: Figure, digits = 0): string {
  if (blank(value)) return EMPTY;
  return group(roundHalfUp(value, digits));
}

/** A count: "1,234". */
export function formatCount(value: Figure): string {
  return formatNumber(value, 0);
}

/** Money in yuan: "12,345.67 元" ("12,345.67 yuan" in English). */
export function formatMoney(value: Figure): string {
  if (blank(value)) return EMPTY;
  return i18n.t('format.yuan', { value: formatNumber(value, 2) });
}

/** A share or growth already in percent ("84.456" → "84.46%"). */
export function formatPercent(value: Figure): string {
  if (blank(value)) return EMPTY;
  return `${formatNumber(value, 2)}%`;
}

/** A fraction (the API's rates, "0.8446") as a percent: "84.46%". */
export function formatRate(value: Figure): string {
  if (blank(value)) return EMPTY;
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = PLAIN.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = ''] = match;
  // × 100 on the decimal text: move the point two places.
  const moved = `${whole}${fraction.padEnd(2, '0').slice(0, 2)}.${fraction.slice(2) || '0'}`;
  return formatPercent(`${sign}${moved.replace(/^0+(?=\d)/, '')}`);
}

/** An indicator's unit as the API names it. */
export type FigureUnit = 'yuan' | 'percent' | 'count' | 'ratio' | (string & {});

/** A figure in its unit: money, percent, a count, or a ratio (two decimals). */
export function formatFigure(value: Figure, unit: FigureUnit): string {
  switch (unit) {
    case 'yuan':
      return formatMoney(value);
    case 'percent':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    default:
      return formatNumber(value, 2);
  }
}

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function instant(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A day: "2026-12-03" (a date-only value as it is; an instant on the county's clock). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return EMPTY;
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const date = instant(value);
  return date ? DAY.format(date) : String(value);
}

/** An instant on the county's clock: "2026-12-03 14:05". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return EMPTY;
  const date = instant(value);
  return date ? `${DAY.format(date)} ${CLOCK.format(date)}` : String(value);
}

/** The time of day only, on the county's clock: "14:05". */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return EMPTY;
  const date = instant(value);
  return date ? CLOCK.format(date) : String(value);
}

/** A name with what tells it apart: 黄田镇（331126101） / 黄田镇 (331126101). */
export function formatNamed(name: string, aside: string | null | undefined): string {
  return aside ? i18n.t('format.named', { name, aside }) : name;
}

/** Words in a row: 住房、饮水 / housing, water. */
export function formatList(items: readonly (string | null | undefined)[]): string {
  return items.filter(Boolean).join(i18n.t('format.listSeparator'));
}

/** A figure's period as the dashboard reads it, year to date: "2026Q3" → 2026年1–9月（2026Q3）;
 * a year or its Q4 → 2026年全年 (the quarters' figures accumulate from January). */
export function formatPeriodToDate(period: string | null | undefined): string {
  if (!period) return EMPTY;
  const match = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!match) return formatPeriod(period);
  const [, year, quarter = '4'] = match;
  if (quarter === '4') return i18n.t('format.fullYear', { year });
  return i18n.t('format.toDate', { year, quarter, month: Number(quarter) * 3 });
}

/** A period as the API names it ("2026", "2026Q3", "2026-07") in words: 2026年第3季度 / 2026 Q3. */
export function formatPeriod(period: string | null | undefined): string {
  if (!period) return EMPTY;
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) return i18n.t('format.quarter', { year: quarter[1], quarter: quarter[2] });
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    // 2026年7月; 2026-07 in English
    const shown = i18n.language === 'en' ? month[2] : String(Number(month[2]));
    return i18n.t('format.month', { year: month[1], month: shown });
  }
  if (/^\d{4}$/.test(period)) return i18n.t('format.year', { year: period });
  return period;
}
