import { Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useAreaNames } from '@/lib/names';
import { AreaPicker } from '@/lib/pickers';
import { useLabels } from '@/lib/vocabularies';

import { useSearch } from '../hooks/useSearch';
import { householdSearchOptions, type Household, type HouseholdFilter } from '../api/households';
import { SearchList } from './SearchList';

/** Search by the start of a name, a whole ID number, a village or township picked by name and
 * category; keyset paging. */
export function HouseholdSearch({
  linkTo,
  newLink,
}: {
  linkTo: (id: string) => string;
  newLink: string | null;
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const list = useSearch(householdSearchOptions, {});
  const areas = useAreaNames(list.page.data?.items.map((h) => h.village_code) ?? []);

  return (
    <SearchList<Household, HouseholdFilter>
      title={t('registry.households')}
      action={
        newLink && (
          <Link to={newLink}>
            <Button>{t('registry.newHousehold')}</Button>
          </Link>
        )
      }
      onSearch={list.search}
      filters={
        <>
          <Form.Item name="name" label={t('registry.name')} tooltip={t('registry.nameHint')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="idNumber" label={t('registry.idNumber')}>
            <Input allowClear autoComplete="off" />
          </Form.Item>
          <Form.Item name="village" label={t('registry.villageOrTownship')}>
            <AreaPicker levels={['township', 'village']} style={{ width: 240, maxWidth: '100%' }} />
          </Form.Item>
          <Form.Item name="category" label={t('registry.category')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={vocab.options('household_category')}
            />
          </Form.Item>
        </>
      }
      list={list}
      columns={[
        {
          title: t('registry.head'),
          dataIndex: 'head_name',
          render: (name: string, h) => <Link to={linkTo(h.id)}>{name}</Link>,
        },
        {
          title: t('registry.village'),
          dataIndex: 'village_code',
          render: (code: string) => areas.place(code),
        },
        { title: t('registry.address'), dataIndex: 'address' },
        {
          title: t('registry.category'),
          dataIndex: 'category',
          render: (c: Household['category']) => vocab.label('household_category', c),
        },
        { title: t('registry.members'), key: 'members', render: (_, h) => h.members.length },
      ]}
    />
  );
}
