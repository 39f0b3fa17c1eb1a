/** Entities: search by name, filter by type, industry and area; keyset paging; a writer registers one. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { ApiError, problemText } from '@/lib/api';

import { useCursors } from '../hooks/useCursors';
import { ENTITY_TYPES, INDUSTRIES, searchEntities, type Entity, type EntityFilter } from '../api/entities';
import { EntityFormModal } from './EntityFormModal';
import { enumLabel, enumOptions } from './options';
import { useRegistryPaths } from './paths';
import { Pager } from './Pager';

export function EntityList({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const paths = useRegistryPaths();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<EntityFilter>({});
  const cursors = useCursors();
  const [creating, setCreating] = useState(false);
  const page = useQuery({ queryKey: ['admin-entities', filter, cursors.cursor], queryFn: () => searchEntities(filter, cursors.cursor) });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('entities.title')}
        </Typography.Title>
        {canWrite && <Button onClick={() => setCreating(true)}>{t('entities.create')}</Button>}
      </Space>
      <Card>
        <Form
          layout="inline"
          onFinish={(values: EntityFilter) => {
            setFilter(values);
            cursors.reset();
          }}
        >
          <Form.Item name="q" label={t('entities.name')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="type" label={t('entities.type')}>
            <Select allowClear style={{ width: 180 }} options={enumOptions(t, 'entityType', ENTITY_TYPES)} />
          </Form.Item>
          <Form.Item name="industry" label={t('entities.industry')}>
            <Select allowClear style={{ width: 140 }} options={enumOptions(t, 'industry', INDUSTRIES)} />
          </Form.Item>
          <Form.Item name="village" label={t('entities.areaPrefix')} rules={[{ pattern: /^\d{1,12}$/, message: t('regAdmin.codeDigits') }]}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('registry.search')}
          </Button>
        </Form>
      </Card>
      {page.error && <Alert type="error" showIcon message={page.error instanceof ApiError ? problemText(page.error.problem) : t('common.retryLater')} />}
      <Table<Entity>
        rowKey="id"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('entities.name'), dataIndex: 'name', render: (name: string, e) => <Link to={paths.entity(e.id)}>{name}</Link> },
          { title: t('entities.type'), dataIndex: 'type', render: (type: Entity['type']) => enumLabel(t, 'entityType', type) },
          { title: t('entities.industry'), dataIndex: 'industry', render: (industry: Entity['industry']) => enumLabel(t, 'industry', industry) },
          { title: t('entities.village'), dataIndex: 'village_code' },
          {
            title: t('entities.status'),
            dataIndex: 'status',
            render: (status: Entity['status'], e) => (
              <Space size={4}>
                <Tag color={status === 'active' ? 'green' : undefined}>{enumLabel(t, 'entityStatus', status)}</Tag>
                {e.high_quality && <Tag color="gold">{t('entities.highQuality')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Pager cursors={cursors} next={page.data?.next_cursor} />
      {creating && <EntityFormModal onClose={() => setCreating(false)} onDone={(saved) => navigate(paths.entity(saved.id))} />}
    </Space>
  );
}
