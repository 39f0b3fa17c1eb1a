/**
 * Selects that search as one types and answer an id or a code, so that nobody types a code:
 * the general RemoteSelect, and the pickers every feature shares (areas by name, departments).
 */
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { components } from './api/client';
import {
  areaNamesOf,
  areasByCode,
  departmentsQuery,
  findAreas,
  townshipOf,
  useAreaNames,
} from './names';

export interface Choice {
  value: string;
  label: string;
}

export type PickerProps = Pick<
  SelectProps<string>,
  'value' | 'onChange' | 'id' | 'style' | 'disabled' | 'placeholder'
> & {
  exclude?: string;
};

/** A select whose options come from `search(typed text)`; `current` labels the chosen value
 * while the options do not hold it (an initial value, say). */
export function RemoteSelect({
  queryKey,
  search,
  exclude,
  current,
  ...props
}: PickerProps & {
  queryKey: string;
  search: (q: string) => Promise<Choice[]>;
  current?: Choice | null;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['pick', queryKey, q],
    queryFn: () => search(q),
    staleTime: 10_000,
  });
  const options = (found.data ?? []).filter((c) => c.value !== exclude);
  if (current && !options.some((c) => c.value === current.value)) options.unshift(current);
  return (
    <Select<string>
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('common.loading') : t('regAdmin.noMatch')}
      placeholder={t('regAdmin.typeToSearch')}
      options={options}
      style={{ minWidth: 240 }}
      {...props}
    />
  );
}

type AreaLevel = components['schemas']['AreaLevel'];

/**
 * An area picked by name: type a village's or a township's name, see villages with their
 * township ("黄田村（黄田镇）"), and the form gets the code. Only the caller's own areas.
 */
export function AreaPicker({ levels, ...props }: PickerProps & { levels?: readonly AreaLevel[] }) {
  const names = useAreaNames([props.value]);
  return (
    <RemoteSelect
      {...props}
      queryKey={`area-${levels?.join('+') ?? 'any'}`}
      current={props.value ? { value: props.value, label: names.place(props.value) } : null}
      search={async (q) => {
        const found = await findAreas(q, levels);
        const have = new Set(found.map((a) => a.code));
        const townships = [...new Set(found.map((a) => townshipOf(a.code)))].filter(
          (code) => code && !have.has(code),
        );
        const label = areaNamesOf([...found, ...(await areasByCode(townships))]).place;
        return found.slice(0, 50).map((a) => ({ value: a.code, label: label(a.code) }));
      }}
    />
  );
}

/** A department (单位) picked by name from those the caller sees; the form gets its id. */
export function DepartmentPicker(props: PickerProps) {
  const all = useQuery(departmentsQuery());
  const named = (all.data ?? []).find((d) => d.id === props.value);
  return (
    <RemoteSelect
      {...props}
      queryKey={`department-${all.dataUpdatedAt}`}
      current={named ? { value: named.id, label: named.name } : null}
      search={async (q) => {
        const typed = q.trim().toLowerCase();
        return (all.data ?? [])
          .filter((d) => d.name.toLowerCase().includes(typed))
          .slice(0, 50)
          .map((d) => ({ value: d.id, label: d.name }));
      }}
    />
  );
}
