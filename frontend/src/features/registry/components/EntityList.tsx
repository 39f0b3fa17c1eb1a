/** Entities: search by name, filter by type, industry and area; keyset paging; a writer registers one. */
import { Button, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { useAreaNames } from '@/lib/names';
import { AreaPicker } from '@/lib/pickers';
import { useLabels } from '@/lib/vocabularies';

import { useSearch } from '../hooks/useSearch';
import {
  ENTITY_TYPES,
  INDUSTRIES,
  entitySearchOptions,
  type Entity,
  type EntityFilter,
} from '../api/entities';
import { EntityFormModal } from './EntityFormModal';
import { useRegistryPaths } from './paths';
import { SearchList } from './SearchList';

export function EntityList({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const paths = useRegistryPaths();
  const navigate = useNavigate();
  const list = useSearch(entitySearchOptions, {});
  const areas = useAreaNames(list.page.data?.items.map((e) => e.village_code) ?? []);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <SearchList<Entity, EntityFilter>
        title={t('entities.title')}
        action={
          canWrite && <Button onClick={() => setCreating(true)}>{t('entities.create')}</Button>
        }
        onSearch={list.search}
        filters={
          <>
            <Form.Item name="q" label={t('entities.name')}>
              <Input allowClear />
            </Form.Item>
            <Form.Item name="type" label={t('entities.type')}>
              <Select
                allowClear
                style={{ width: 180 }}
                options={vocab.options('entity_type', ENTITY_TYPES)}
              />
            </Form.Item>
            <Form.Item name="industry" label={t('entities.industry')}>
              <Select
                allowClear
                style={{ width: 140 }}
                options={vocab.options('industry', INDUSTRIES)}
              />
            </Form.Item>
            <Form.Item name="village" label={t('registry.villageOrTownship')}>
              <AreaPicker
                levels={['township', 'village']}
                style={{ width: 240, maxWidth: '100%' }}
              />
            </Form.Item>
          </>
        }
        list={list}
        columns={[
          {
            title: t('entities.name'),
            dataIndex: 'name',
            render: (name: string, e) => <Link to={paths.entity(e.id)}>{name}</Link>,
          },
          {
            title: t('entities.type'),
            dataIndex: 'type',
            render: (type: Entity['type']) => vocab.label('entity_type', type),
          },
          {
            title: t('entities.industry'),
            dataIndex: 'industry',
            render: (industry: Entity['industry']) => vocab.label('industry', industry),
          },
          {
            title: t('entities.village'),
            dataIndex: 'village_code',
            render: (code: string) => areas.place(code),
          },
          {
            title: t('entities.status'),
            dataIndex: 'status',
            render: (status: Entity['status'], e) => (
              <Space size={4}>
                <Tag color={status === 'active' ? 'green' : undefined}>
                  {vocab.label('entity_status', status)}
                </Tag>
                {e.high_quality && <Tag color="gold">{t('entities.highQuality')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {creating && (
        <EntityFormModal
          onClose={() => setCreating(false)}
          onDone={(saved) => navigate(paths.entity(saved.id))}
        />
      )}
    </>
  );
}
