/** Months as the pickers offer them: "2026-12", the running one first, a year back. */
export function recentMonths(today: Date, count = 13): string[] {
  const months: string[] = [];
  for (let back = 0; back < count; back += 1) {
    const d = new Date(today.getFullYear(), today.getMonth() - back, 1);
    months.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/** The quarters of the last two years, latest first, as indicator periods. */
export function recentQuarters(today: Date): string[] {
  const quarters: string[] = [];
  const current = Math.floor(today.getMonth() / 3) + 1;
  for (let year = today.getFullYear(); year >= today.getFullYear() - 1; year -= 1)
    for (let q = year === today.getFullYear() ? current : 4; q >= 1; q -= 1)
      quarters.push(`${year}Q${q}`);
  return quarters;
}

/** The last quarter that has ended (income figures of a running quarter are incomplete). */
export function lastEndedQuarter(today: Date): string {
  const current = Math.floor(today.getMonth() / 3) + 1;
  return current === 1 ? `${today.getFullYear() - 1}Q4` : `${today.getFullYear()}Q${current - 1}`;
}
