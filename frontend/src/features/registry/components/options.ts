/** Select options for the registry's vocabularies, labelled in the current language. */
import type { TFunction } from 'i18next';

type EnumGroup =
  | 'cadreType'
  | 'entityType'
  | 'industry'
  | 'enterpriseLevel'
  | 'qualityGrade'
  | 'entityStatus'
  | 'driveMode'
  | 'sizeClass'
  | 'areaLevel'
  | 'areaKind'
  | 'relation'
  | 'health'
  | 'labourAbility'
  | 'employment';

export function enumLabel(t: TFunction, group: EnumGroup, value: string): string {
  return t(`enums.${group}.${value}` as 'enums.relation.head');
}

export function enumOptions<T extends string>(t: TFunction, group: EnumGroup, values: readonly T[]) {
  return values.map((value) => ({ value, label: enumLabel(t, group, value) }));
}
