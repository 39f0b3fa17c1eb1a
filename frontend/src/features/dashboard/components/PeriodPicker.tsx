import { Select, Space } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { usePeriodLabel } from './usePeriodLabel';

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The dashboard's one period picker: a month (the running one marked in progress), a quarter
 * year to date (Q4 named the full year), or a year; labelled for screen readers and tests. */
export function PeriodPicker<P extends string | number>({
  kind,
  value,
  choices,
  onChange,
  running,
}: {
  kind: PeriodKind;
  value: P;
  choices: P[];
  onChange: (period: P) => void;
  running?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const label = usePeriodLabel(running);
  const name = t(`dashPeriods.${kind}Picker`);
  return (
    <Space size={4}>
      <label htmlFor={id}>{name}</label>
      <Select<P>
        id={id}
        aria-label={name}
        style={{ minWidth: kind === 'quarter' ? 210 : 130 }}
        value={value}
        onChange={onChange}
        options={choices.map((period) => ({ value: period, label: label(String(period)) }))}
      />
    </Space>
  );
}
