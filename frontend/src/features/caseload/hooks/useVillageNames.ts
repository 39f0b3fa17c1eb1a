import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';

import { villagesOf } from '../api/caseload';

/** A village's code is its township's (9 digits) and three more. */
const townshipOf = (villageCode: string) => villageCode.slice(0, 9);

/** The names of these villages (read per township once, kept on the phone); the code until known. */
export function useVillageNames(villageCodes: string[]): (code: string) => string {
  const townships = useMemo(
    () => [...new Set(villageCodes.map(townshipOf))].sort(),
    [villageCodes],
  );
  const names = useQueries({
    queries: townships.map((code) => villagesOf(code)),
    combine: (answers) => new Map(answers.flatMap((answer) => answer.data ?? [])),
  });
  return (code: string) => names.get(code) ?? code;
}
