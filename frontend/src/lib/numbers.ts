/** Numbers as people read them (issue 15): thousand separators, money and shares to 0.01. */

const formats = new Map<number, Intl.NumberFormat>();

/** "38517" → "38,517"; "42753.8" with 2 decimals → "42,753.80"; null/blank → "—". */
export function grouped(value: string | number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || value === '') return '—';
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formats.set(decimals, format);
  }
  return format.format(number);
}

/** A share given as a fraction ("0.8333") → "83.33%"; null → "—". */
export function shareText(fraction: string | number | null | undefined): string {
  if (fraction === null || fraction === undefined || fraction === '') return '—';
  return `${grouped(Number(fraction) * 100, 2)}%`;
}
