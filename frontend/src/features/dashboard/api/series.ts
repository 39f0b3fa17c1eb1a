/** Charts draw at most a few series: more lines than that are unreadable, and their legend
 * would run over the axes. The rest wait behind a picker. */
export const MAX_SERIES = 8;

export interface Series {
  name: string;
  values: (number | null)[];
}

/** The series drawn: those chosen (in the series' own order), else the first `max`. */
export function limitSeries<S extends Series>(
  series: S[],
  chosen: string[] | null,
  max = MAX_SERIES,
): S[] {
  if (chosen === null) return series.slice(0, max);
  const wanted = new Set(chosen);
  return series.filter((s) => wanted.has(s.name)).slice(0, max);
}
