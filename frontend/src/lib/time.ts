/** Times as the API wants them: ISO 8601 with the device's offset ("2026-11-03T09:30:00+08:00"). */

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

export function toOffsetIso(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** The value of an <input type="datetime-local"> for a date ("2026-11-03T09:30"). */
export function toLocalInput(date: Date): string {
  return toOffsetIso(date).slice(0, 16);
}

export const DAY_MS = 24 * 3600 * 1000;

/** The year in the county (Asia/Shanghai) on this date: plans and happiness lists are by year. */
export function countyYear(date: Date = new Date()): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(date),
  );
}

/** The day in the county (Asia/Shanghai) as "2026-11-03", e.g. for an <input type="date">. */
export function countyDay(date: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
