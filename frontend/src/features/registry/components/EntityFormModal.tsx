/** A new entity, or an edit on the version on screen (If-Match; a 412 loads the fresh data). */
import { useQueryClient } from '@tanstack/react-query';
import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import {
  ENTERPRISE_LEVELS,
  ENTITY_STATUSES,
  ENTITY_TYPES,
  INDUSTRIES,
  QUALITY_GRADES,
  createEntity,
  entityFormOf,
  entityKeys,
  updateEntity,
  type Entity,
  type EntityBody,
} from '../api/entities';
import { AreaPicker } from '@/lib/pickers';
import { FormModal, useWrite } from '@/lib/write';
import { useLabels } from '@/lib/vocabularies';

export function EntityFormModal({
  entity,
  onDone,
  onClose,
}: {
  entity?: Entity;
  onDone: (saved: Entity) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const client = useQueryClient();
  const [form] = Form.useForm<EntityBody>();
  const type = Form.useWatch('type', form);
  const write = useWrite(form, {
    onConflict: () => entity && client.invalidateQueries({ queryKey: entityKeys.one(entity.id) }),
  });
  useEffect(() => {
    if (entity) form.setFieldsValue(entityFormOf(entity));
  }, [entity, form]);

  const submit = async (values: EntityBody) => {
    const saved = await write.run(() =>
      entity ? updateEntity(entity, values) : createEntity(values),
    );
    if (saved) {
      client.setQueryData(entityKeys.one(saved.id), saved);
      await client.invalidateQueries({ queryKey: entityKeys.lists });
      onDone(saved);
    }
  };

  return (
    <FormModal<EntityBody>
      width={640}
      title={entity ? t('entities.editTitle') : t('entities.createTitle')}
      form={form}
      write={write}
      initialValues={
        entity
          ? entityFormOf(entity)
          : {
              type: 'family_farm',
              industry: 'other',
              status: 'active',
              quality_grade: 'none',
              nhl_member: false,
            }
      }
      onSave={submit}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('entities.name')}
        rules={[{ required: true, whitespace: true, max: 100, message: t('regAdmin.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="type" label={t('entities.type')} rules={[{ required: true }]}>
        <Select options={vocab.options('entity_type', ENTITY_TYPES)} />
      </Form.Item>
      {type === 'leading_enterprise' && (
        <Form.Item
          name="enterprise_level"
          label={t('entities.enterpriseLevel')}
          rules={[{ required: true, message: t('links.pickOne') }]}
        >
          <Select options={vocab.options('enterprise_level', ENTERPRISE_LEVELS)} />
        </Form.Item>
      )}
      {type === 'family_farm' && (
        <Form.Item name="quality_grade" label={t('entities.qualityGrade')}>
          <Select options={vocab.options('quality_grade', QUALITY_GRADES)} />
        </Form.Item>
      )}
      <Form.Item name="credit_code" label={t('entities.creditCode')}>
        <Input autoComplete="off" maxLength={18} />
      </Form.Item>
      <Form.Item
        name="village_code"
        label={t('entities.village')}
        rules={[{ required: true, message: t('links.pickOne') }]}
      >
        <AreaPicker levels={['village']} />
      </Form.Item>
      <Form.Item name="industry" label={t('entities.industry')} rules={[{ required: true }]}>
        <Select options={vocab.options('industry', INDUSTRIES)} />
      </Form.Item>
      <Form.Item name="cultivated_year" label={t('entities.cultivatedYear')}>
        <InputNumber min={1980} max={2100} precision={0} />
      </Form.Item>
      <Form.Item name="status" label={t('entities.status')}>
        <Select options={vocab.options('entity_status', ENTITY_STATUSES)} />
      </Form.Item>
      <Form.Item name="nhl_member" valuePropName="checked">
        <Checkbox>{t('entities.nhlMember')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
