/** Cadres: search by name, type and whether active; keyset paging; a writer adds one. */
import { Button, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { useAreaNames, useDepartmentNames } from '@/lib/names';
import { useLabels } from '@/lib/vocabularies';

import { useSearch } from '../hooks/useSearch';
import { CADRE_TYPES, cadreSearchOptions, type Cadre } from '../api/cadres';
import { CadreFormModal } from './CadreFormModal';
import { EntityName } from './Names';
import { useRegistryPaths } from './paths';
import { SearchList } from './SearchList';

interface Values {
  q?: string;
  type?: Cadre['type'];
  status?: 'active' | 'inactive';
}

export function CadreList({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const paths = useRegistryPaths();
  const navigate = useNavigate();
  const list = useSearch(cadreSearchOptions, { active: true });
  const areas = useAreaNames(list.page.data?.items.map((c) => c.home_area_code) ?? []);
  const department = useDepartmentNames();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <SearchList<Cadre, Values>
        title={t('cadres.title')}
        action={canWrite && <Button onClick={() => setCreating(true)}>{t('cadres.create')}</Button>}
        initialValues={{ status: 'active' }}
        onSearch={(values) =>
          list.search({
            q: values.q,
            type: values.type,
            active: values.status ? values.status === 'active' : undefined,
          })
        }
        filters={
          <>
            <Form.Item name="q" label={t('cadres.name')}>
              <Input allowClear />
            </Form.Item>
            <Form.Item name="type" label={t('cadres.type')}>
              <Select
                allowClear
                style={{ width: 200 }}
                options={vocab.options('cadre_type', CADRE_TYPES)}
              />
            </Form.Item>
            <Form.Item name="status" label={t('cadres.status')}>
              <Select
                allowClear
                style={{ width: 120 }}
                options={[
                  { value: 'active', label: t('cadres.active') },
                  { value: 'inactive', label: t('cadres.inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
        list={list}
        columns={[
          {
            title: t('cadres.name'),
            dataIndex: 'name',
            render: (name: string, c) => <Link to={paths.cadre(c.id)}>{name}</Link>,
          },
          {
            title: t('cadres.type'),
            dataIndex: 'type',
            render: (type: Cadre['type']) => vocab.label('cadre_type', type),
          },
          {
            title: t('cadres.department'),
            dataIndex: 'department_id',
            render: (id?: string | null) => department(id) || t('common.none'),
          },
          {
            title: t('cadres.homeArea'),
            dataIndex: 'home_area_code',
            render: (code: string) => areas.place(code),
          },
          {
            title: t('cadres.phone'),
            dataIndex: 'phone',
            render: (phone?: string | null) => phone ?? t('common.none'),
          },
          {
            title: t('links.entity'),
            dataIndex: 'linked_entity_id',
            render: (id?: string | null) => (id ? <EntityName id={id} /> : t('common.none')),
          },
          {
            title: t('cadres.status'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? (
                <Tag color="green">{t('cadres.active')}</Tag>
              ) : (
                <Tag>{t('cadres.inactive')}</Tag>
              ),
          },
        ]}
      />
      {creating && (
        <CadreFormModal
          onClose={() => setCreating(false)}
          onDone={(saved) => navigate(paths.cadre(saved.id))}
        />
      )}
    </>
  );
}
