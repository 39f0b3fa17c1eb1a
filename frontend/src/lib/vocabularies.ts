/**
 * The registry's vocabularies (GET /api/v1/vocabularies): every code it stores with the one label
 * the app shows, in Chinese and English, the same words its imports read and its templates write.
 * Forms, lists and views take their labels from here, never from i18n; the answer is kept on the
 * phone like the cadre's other reads, so labels show offline too.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { unwrap, type components } from './api/client';
import { api } from './runtime';

export type Vocabulary = components['schemas']['VocabularyPublic'];
export type VocabularyName = Vocabulary['name'];

export const vocabulariesQuery = () =>
  queryOptions({
    queryKey: ['vocabularies'],
    queryFn: () => unwrap(api.GET('/api/v1/vocabularies')),
    staleTime: 3600_000, // the same until the next release
    meta: { offline: true },
  });

export interface Labels {
  /** The value's label in the current language; the code itself until the vocabularies load. */
  label: (name: VocabularyName, code: string) => string;
  /** Select options for ``codes`` (by default every value, in the vocabulary's order). */
  options: <T extends string>(
    name: VocabularyName,
    codes?: readonly T[],
  ) => { value: T; label: string }[];
}

export function labelsOf(
  vocabularies: readonly Vocabulary[] | undefined,
  language: string,
): Labels {
  const english = language.startsWith('en');
  const byName = new Map(
    (vocabularies ?? []).map((vocabulary) => [
      vocabulary.name,
      new Map(vocabulary.values.map((value) => [value.code, english ? value.en : value.zh])),
    ]),
  );
  const label = (name: VocabularyName, code: string) => byName.get(name)?.get(code) ?? code;
  const options = <T extends string>(name: VocabularyName, codes?: readonly T[]) =>
    (codes ?? ([...(byName.get(name)?.keys() ?? [])] as T[])).map((value) => ({
      value,
      label: label(name, value),
    }));
  return { label, options };
}

/** Label lookups for the registry's codes, in the language the user chose. */
export function useLabels(): Labels {
  const { i18n } = useTranslation();
  const { data } = useQuery(vocabulariesQuery());
  return useMemo(() => labelsOf(data?.items, i18n.language), [data, i18n.language]);
}
