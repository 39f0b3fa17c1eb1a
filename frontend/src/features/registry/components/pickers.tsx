/** Selects that search the registry as one types: areas, departments, cadres, entities, households. */
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNamed } from '@/lib/format';

import { findAreas, type AreaLevel } from '../api/areas';
import { searchCadres, searchDepartments } from '../api/cadres';
import { searchEntities } from '../api/entities';
import { searchHouseholds } from '../api/households';

interface Choice {
  value: string;
  label: string;
}

type PickerProps = Pick<SelectProps<string>, 'value' | 'onChange' | 'id' | 'style' | 'disabled'> & {
  exclude?: string;
};

function RemoteSelect({
  queryKey,
  search,
  exclude,
  ...props
}: PickerProps & { queryKey: string; search: (q: string) => Promise<Choice[]> }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['admin-pick', queryKey, q],
    queryFn: () => search(q),
    staleTime: 10_000,
  });
  return (
    <Select<string>
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('common.loading') : t('regAdmin.noMatch')}
      placeholder={t('regAdmin.typeToSearch')}
      options={(found.data ?? []).filter((c) => c.value !== exclude)}
      style={{ minWidth: 240 }}
      {...props}
    />
  );
}

export function AreaSelect({ level, ...props }: PickerProps & { level?: AreaLevel }) {
  return (
    <RemoteSelect
      {...props}
      queryKey={`area-${level ?? 'any'}`}
      search={async (q) =>
        (await findAreas(q, level)).map((a) => ({
          value: a.code,
          label: formatNamed(a.name, a.code),
        }))
      }
    />
  );
}

export function DepartmentSelect(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      queryKey="department"
      search={async (q) =>
        (await searchDepartments(q)).map((d) => ({ value: d.id, label: d.name }))
      }
    />
  );
}

/** Active cadres only: an inactive one can be given no new link. */
export function CadreSelect(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      queryKey="cadre"
      search={async (q) =>
        (await searchCadres({ q, active: true }, null)).items.map((c) => ({
          value: c.id,
          label: c.name,
        }))
      }
    />
  );
}

export function EntitySelect(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      queryKey="entity"
      search={async (q) =>
        (await searchEntities({ q }, null)).items
          .filter((e) => e.status === 'active')
          .map((e) => ({ value: e.id, label: e.name }))
      }
    />
  );
}

/** By the head's or a member's name: exact, or a prefix while typing. */
export function HouseholdSelect(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      queryKey="household"
      search={async (q) =>
        (await searchHouseholds({ name: q.trim() ? `${q.trim()}*` : '' }, null)).items.map((h) => ({
          value: h.id,
          label: formatNamed(h.head_name, h.address || h.village_code),
        }))
      }
    />
  );
}
