/** Names, not codes: an audit entry's action, record kind, fields and values as people read them. */
import { useTranslation } from 'react-i18next';

import { formatDateTime, formatList, formatNamed } from '@/lib/format';
import { useLabels, type VocabularyName } from '@/lib/vocabularies';

import type { AuditChange, AuditEntry } from '../api/audit';

// A field whose values are a registry vocabulary's codes (by the field's last name).
const VOCABULARY_OF: Record<string, VocabularyName> = {
  category: 'household_category',
  low_income_subtype: 'low_income_subtype',
  monitoring_type: 'monitoring_type',
  relation: 'relation',
  labour_ability: 'labour_ability',
  health: 'health',
  employment: 'employment',
  sex: 'sex',
};

export function useAuditText() {
  const { t } = useTranslation();
  const vocab = useLabels();
  const key = (field: string) => field.replace(/\./g, '_');
  const field = (name: string) =>
    t(`audit.fieldNames.${key(name)}` as 'audit.title', {
      defaultValue: t(`audit.fieldNames.${key(name.split('.').pop() ?? name)}` as 'audit.title', {
        defaultValue: t('audit.otherField'),
      }),
    });
  const value = (name: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === '') return t('audit.empty');
    if (raw === 'added') return t('audit.added');
    if (raw === 'removed') return t('audit.removed');
    if (typeof raw === 'boolean') return raw ? t('audit.yes') : t('audit.no');
    if (Array.isArray(raw)) return formatList(raw.map((v) => value(name, v)));
    if (typeof raw === 'object') return JSON.stringify(raw);
    const last = name.split('.').pop() ?? '';
    if (last === 'mode') return t(`enums.visitMode.${String(raw)}` as 'audit.title');
    if (/_id$|_code$/.test(last)) return t('audit.changedRecord'); // a raw id says nothing to a reader
    if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw)) return formatDateTime(raw);
    const vocabulary = VOCABULARY_OF[last];
    return vocabulary ? vocab.label(vocabulary, String(raw)) : String(raw);
  };
  return {
    who: (e: AuditEntry) => e.subject_name ?? t('audit.someone'),
    action: (e: AuditEntry) =>
      t(`audit.actions.${e.action}` as 'audit.title', { defaultValue: t('audit.otherAction') }),
    resource: (r: string) =>
      t(`audit.resources.${r}` as 'audit.title', { defaultValue: t('audit.otherResource') }),
    field,
    change: (c: AuditChange) => {
      const what = formatNamed(field(c.field), c.item);
      if (c.masked) return t('audit.maskedChange', { field: what });
      if (c.field === 'members' || c.old === null || c.old === undefined)
        return t('audit.setTo', { field: what, value: value(c.field, c.new) });
      return t('audit.changed', {
        field: what,
        old: value(c.field, c.old),
        new: value(c.field, c.new),
      });
    },
  };
}
