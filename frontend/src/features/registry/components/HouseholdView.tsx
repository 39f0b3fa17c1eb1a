import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Result,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api';
import { FormModal, useWrite } from '@/lib/write';
import { useAreaNames } from '@/lib/names';
import { useLabels } from '@/lib/vocabularies';

import {
  getHouseholdWhole,
  householdKeys,
  updateHousehold,
  useHousehold,
  type Household,
  type HouseholdChanges,
} from '../api/households';
import { EntityHouseholdSection, PairingSection } from './LinkSections';
import { MemberSection } from './MemberSection';

/** A tab the app adds to the household's page from another feature (visits, audit…). */
export interface HouseholdTab {
  key: string;
  label: React.ReactNode;
  children: React.ReactNode;
}

/**
 * One household: its details, then tabs — members (masked), pairing and link history, and the
 * tabs the app composes from other features (``tabs``). Officers and the county admin may edit
 * it (If-Match).
 */
export function HouseholdView({
  id,
  canEdit,
  notFound,
  tabs = () => [],
}: {
  id: string;
  canEdit: boolean;
  notFound: React.ReactNode;
  tabs?: (household: Household) => HouseholdTab[];
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const household = useHousehold(id);
  const areas = useAreaNames([household.data?.village_code]);
  const [editing, setEditing] = useState(false);

  // Another township's household answers 404 like one that does not exist: nothing leaks.
  if (household.error instanceof ApiError && household.error.status === 404) return <>{notFound}</>;
  if (household.error) return <Result status="error" title={t('common.retryLater')} />;
  const h = household.data;
  if (!h) return <Card loading />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {h.head_name}
        </Typography.Title>
        {canEdit && <Button onClick={() => setEditing(true)}>{t('registry.edit')}</Button>}
      </Space>
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('registry.village')}>
          {areas.place(h.village_code)}
        </Descriptions.Item>
        <Descriptions.Item label={t('registry.address')}>{h.address}</Descriptions.Item>
        <Descriptions.Item label={t('registry.category')}>
          {vocab.label('household_category', h.category)}
        </Descriptions.Item>
        <Descriptions.Item label={t('registry.phone')}>
          {h.phone ?? t('common.none')}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'members',
            label: t('registry.tabs.members'),
            children: <MemberSection household={h} canEdit={canEdit} />,
          },
          {
            key: 'links',
            label: t('registry.tabs.links'),
            children: (
              <Space direction="vertical" size="large" style={{ width: '100%' }}>
                <PairingSection
                  owner={{ household_id: h.id }}
                  canWrite={canEdit && h.category === 'low_income'}
                />
                <EntityHouseholdSection owner={{ household_id: h.id }} canWrite={canEdit} />
              </Space>
            ),
          },
          ...tabs(h),
        ]}
      />
      {editing && <EditHousehold household={h} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function EditHousehold({ household, onClose }: { household: Household; onClose: () => void }) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const client = useQueryClient();
  const [form] = Form.useForm<HouseholdChanges>();
  const write = useWrite(form);

  const save = async (changes: HouseholdChanges) => {
    // The whole record (audited) as of the version on screen: the PUT carries that version, so
    // a save by someone else in between is refused (412) rather than overwritten.
    const saved = await write.run(async () => {
      const whole = await getHouseholdWhole(household.id, t('registry.editReason'));
      return updateHousehold({ ...whole, version: household.version }, changes);
    });
    if (!saved) return;
    client.setQueryData(householdKeys.one(household.id), saved);
    await client.invalidateQueries({ queryKey: householdKeys.lists });
    onClose();
  };

  return (
    <FormModal<HouseholdChanges>
      title={t('registry.editTitle')}
      form={form}
      write={write}
      initialValues={{
        address: household.address,
        phone: null,
        category: household.category,
        categoryChangeReason: '',
      }}
      onSave={save}
      onClose={onClose}
      savedFirst={t('registry.conflict')}
      onReload={() =>
        void client.invalidateQueries({ queryKey: householdKeys.one(household.id) }).then(onClose)
      }
    >
      <Form.Item name="address" label={t('registry.address')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('registry.newPhone')} extra={t('registry.phoneKept')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="category" label={t('registry.category')}>
        <Select options={vocab.options('household_category')} />
      </Form.Item>
      <Form.Item name="categoryChangeReason" label={t('registry.categoryReason')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
