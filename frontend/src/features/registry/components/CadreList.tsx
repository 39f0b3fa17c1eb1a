/** Cadres: search by name, type and whether active; keyset paging; a writer adds one. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { ApiError, problemText } from '@/lib/api';

import { useCursors } from '../hooks/useCursors';
import { CADRE_TYPES, searchCadres, type Cadre, type CadreFilter } from '../api/cadres';
import { CadreFormModal } from './CadreFormModal';
import { EntityName } from './Names';
import { enumLabel, enumOptions } from './options';
import { useRegistryPaths } from './paths';
import { Pager } from './Pager';

export function CadreList({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const paths = useRegistryPaths();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<CadreFilter>({ active: true });
  const cursors = useCursors();
  const [creating, setCreating] = useState(false);
  const page = useQuery({ queryKey: ['admin-cadres', filter, cursors.cursor], queryFn: () => searchCadres(filter, cursors.cursor) });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cadres.title')}
        </Typography.Title>
        {canWrite && <Button onClick={() => setCreating(true)}>{t('cadres.create')}</Button>}
      </Space>
      <Card>
        <Form
          layout="inline"
          initialValues={{ status: 'active' }}
          onFinish={(values: { q?: string; type?: Cadre['type']; status?: 'active' | 'inactive' }) => {
            setFilter({ q: values.q, type: values.type, active: values.status ? values.status === 'active' : undefined });
            cursors.reset();
          }}
        >
          <Form.Item name="q" label={t('cadres.name')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="type" label={t('cadres.type')}>
            <Select allowClear style={{ width: 200 }} options={enumOptions(t, 'cadreType', CADRE_TYPES)} />
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
          <Button type="primary" htmlType="submit">
            {t('registry.search')}
          </Button>
        </Form>
      </Card>
      {page.error && <Alert type="error" showIcon message={page.error instanceof ApiError ? problemText(page.error.problem) : t('common.retryLater')} />}
      <Table<Cadre>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('cadres.name'), dataIndex: 'name', render: (name: string, c) => <Link to={paths.cadre(c.id)}>{name}</Link> },
          { title: t('cadres.type'), dataIndex: 'type', render: (type: Cadre['type']) => enumLabel(t, 'cadreType', type) },
          { title: t('cadres.homeArea'), dataIndex: 'home_area_code' },
          { title: t('cadres.phone'), dataIndex: 'phone', render: (phone?: string | null) => phone ?? t('common.none') },
          { title: t('links.entity'), dataIndex: 'linked_entity_id', render: (id?: string | null) => (id ? <EntityName id={id} /> : t('common.none')) },
          {
            title: t('cadres.status'),
            dataIndex: 'active',
            render: (active: boolean) => (active ? <Tag color="green">{t('cadres.active')}</Tag> : <Tag>{t('cadres.inactive')}</Tag>),
          },
        ]}
      />
      <Pager cursors={cursors} next={page.data?.next_cursor} />
      {creating && <CadreFormModal onClose={() => setCreating(false)} onDone={(saved) => navigate(paths.cadre(saved.id))} />}
    </Space>
  );
}
