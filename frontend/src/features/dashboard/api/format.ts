/** Numbers as the county's people read them: thousand separators, money to the fen with 元,
 * shares and growth as percentages to 0.01. Values arrive as exact decimal strings, so they
 * are grouped as text (no float rounding on the way). */

/** "1234567.8" → "1,234,567.80" (two decimals, half up from the text when longer). */
export function grouped(value: string | number, decimals = 2): string {
  const fixed = typeof value === 'number' ? value.toFixed(decimals) : roundText(value, decimals);
  const negative = fixed.startsWith('-');
  const [whole = '0', fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${withCommas}${fraction ? `.${fraction}` : ''}`;
}

/** A decimal string rounded half up to `decimals` places, as text. */
function roundText(value: string, decimals: number): string {
  const [whole = '0', fraction = ''] = value.split('.');
  if (fraction.length <= decimals)
    return decimals ? `${whole}.${fraction.padEnd(decimals, '0')}` : whole;
  // Longer than shown: rare (the API rounds already); Number is exact enough at this size.
  return Number(value).toFixed(decimals);
}

/** "9113.06" → "9,113.06 元"; null → "—". */
export const yuan = (value: string | null | undefined) =>
  value == null ? '—' : `${grouped(value)} 元`;

/** "84.5" → "84.50%"; null → "—". */
export const percentText = (value: string | number | null | undefined) =>
  value == null ? '—' : `${grouped(value)}%`;

/** "1200" → "1,200"; null → "—". */
export const countText = (value: string | number | null | undefined) =>
  value == null ? '—' : grouped(value, 0);

/** A value in its measure's unit. */
export function inUnit(value: string | null | undefined, unit: string): string {
  if (unit === 'yuan') return yuan(value);
  if (unit === 'percent') return percentText(value);
  if (unit === 'count') return countText(value);
  return value == null ? '—' : grouped(value);
}
