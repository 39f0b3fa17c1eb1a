import { Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { AreaPicker } from '@/lib/pickers';
import { useLabels } from '@/lib/vocabularies';
import { useRevealErrors } from '@/lib/forms/revealError';
import { useWrite, WriteAlerts } from '@/lib/write';

import { createHousehold, type HouseholdCreate } from '../api/households';

type MemberIn = HouseholdCreate['members'][number];

const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'child_in_law',
  'other',
] as const;
const HEALTH = ['healthy', 'chronic_illness', 'serious_illness', 'disabled'] as const;
const LABOUR = ['able', 'weak', 'none'] as const;
const EMPLOYMENT = [
  'employed',
  'self_employed',
  'farming',
  'unemployed',
  'student',
  'retired',
] as const;
const SUBTYPES = [
  'subsistence',
  'near_subsistence',
  'destitute',
  'expenditure_hardship',
  'other',
] as const;

const NEW_MEMBER: Partial<MemberIn> = {
  relation: 'head',
  resident: true,
  health: 'healthy',
  labour_ability: 'able',
  employment: 'farming',
};

/** A new household with its members; the server checks ID numbers, the village and the head. */
export function HouseholdCreateForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const [form] = Form.useForm<HouseholdCreate>();
  const write = useWrite(form);
  const category = Form.useWatch('category', form);
  const { ref, revealErrors } = useRevealErrors();

  const submit = async (values: HouseholdCreate) => {
    const body = {
      ...values,
      category_change_reason: '',
      low_income_subtype: values.category === 'low_income' ? values.low_income_subtype : null,
    };
    const created = await write.run(() => createHousehold(body));
    if (created) onCreated(created.id);
  };

  return (
    <Space ref={ref} direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('registry.createTitle')}</Typography.Title>
      <WriteAlerts conflict={false} error={write.error} />
      <Form<HouseholdCreate>
        form={form}
        layout="vertical"
        initialValues={{ category: 'low_income', members: [NEW_MEMBER] }}
        onFinish={(values) => void submit(values).then(revealErrors)}
        onFinishFailed={revealErrors}
      >
        <Card>
          <Space wrap size="large" align="start">
            <Form.Item
              name="village_code"
              label={t('registry.village')}
              rules={[{ required: true, message: t('registry.villageRule') }]}
            >
              <AreaPicker levels={['village']} />
            </Form.Item>
            <Form.Item name="address" label={t('registry.address')} rules={[{ required: true }]}>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="phone" label={t('registry.phone')}>
              <Input style={{ width: 160 }} autoComplete="off" />
            </Form.Item>
            <Form.Item name="category" label={t('registry.category')}>
              <Select style={{ width: 160 }} options={vocab.options('household_category')} />
            </Form.Item>
            {category === 'low_income' && (
              <Form.Item
                name="low_income_subtype"
                label={t('registry.subtype')}
                rules={[{ required: true }]}
              >
                <Select
                  style={{ width: 180 }}
                  options={vocab.options('low_income_subtype', SUBTYPES)}
                />
              </Form.Item>
            )}
          </Space>
        </Card>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <Card
              title={t('registry.memberList')}
              style={{ marginTop: 16 }}
              extra={
                <Button onClick={() => add({ ...NEW_MEMBER, relation: 'spouse' })}>
                  {t('registry.addMember')}
                </Button>
              }
            >
              {fields.map((field) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('registry.name')}
                    rules={[{ required: true }]}
                  >
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'id_number']}
                    label={t('registry.idNumber')}
                    rules={[{ required: true }]}
                  >
                    <Input style={{ width: 200 }} autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'relation']} label={t('registry.relation')}>
                    <Select style={{ width: 120 }} options={vocab.options('relation', RELATIONS)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'health']} label={t('registry.health')}>
                    <Select style={{ width: 110 }} options={vocab.options('health', HEALTH)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'labour_ability']} label={t('registry.labour')}>
                    <Select
                      style={{ width: 120 }}
                      options={vocab.options('labour_ability', LABOUR)}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'employment']} label={t('registry.employment')}>
                    <Select
                      style={{ width: 110 }}
                      options={vocab.options('employment', EMPLOYMENT)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'resident']}
                    label={t('registry.resident')}
                    valuePropName="checked"
                  >
                    <Checkbox />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Form.Item label=" ">
                      <Button danger onClick={() => remove(field.name)}>
                        {t('registry.removeMember')}
                      </Button>
                    </Form.Item>
                  )}
                </Space>
              ))}
            </Card>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={write.busy} style={{ marginTop: 16 }}>
          {t('registry.create')}
        </Button>
      </Form>
    </Space>
  );
}
