import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { unwrap } from '@/lib/api';
import { api } from '@/lib/runtime';
import { formatNamed } from '@/lib/format';

/** Picks a user by name (the audit's "who"): the value is the user's id, as tokens name them. */
export function UserSelect({
  value,
  onChange,
}: {
  value?: string;
  onChange: (id: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const users = useQuery({
    queryKey: ['users', 'pick'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
  });
  return (
    <Select<string>
      showSearch
      allowClear
      style={{ width: 180 }}
      aria-label={t('users.displayName')}
      loading={users.isFetching}
      value={value}
      onChange={onChange}
      optionFilterProp="label"
      options={(users.data?.items ?? []).map((u) => ({
        value: u.id,
        label: formatNamed(u.display_name, u.username),
      }))}
    />
  );
}
