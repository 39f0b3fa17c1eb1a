import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Failure, FormModal, useWrite } from '@/lib/write';

import {
  putRankingSet,
  useCatalogue,
  useRankingSets,
  type RankingSet,
  type RankingSetPut,
} from '../api/settings';

interface SetForm {
  code: string;
  name: string;
  items: { measure: string; weight: string }[]; // measure: "indicator/measure"
}

/** The weighted sets townships are ranked on (考核指标组): each measure with its weight. */
export function RankingSetsTab() {
  const { t, i18n } = useTranslation();
  const sets = useRankingSets();
  const catalogue = useCatalogue();
  const client = useQueryClient();
  const [editing, setEditing] = useState<RankingSet | 'new' | null>(null);
  const [form] = Form.useForm<SetForm>();
  const write = useWrite(form, {
    // The server names items.<n>.measure / items.<n>.weight: the form's own list fields.
    onConflict: () => sets.refetch(),
  });
  const en = i18n.language === 'en';
  const measures = (catalogue.data ?? []).flatMap((i) =>
    i.computed_now
      ? i.measures.map((m) => ({
          value: `${i.code}/${m.code}`,
          label: `${i.number}. ${en ? i.name_en : i.name_zh} · ${en ? m.name_en : m.name_zh}`,
        }))
      : [],
  );
  const label = (indicator: string, measure: string) =>
    measures.find((m) => m.value === `${indicator}/${measure}`)?.label ?? indicator;
  const current = editing === 'new' ? null : editing;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('settings.setsHelp')}</Typography.Paragraph>
      <Button
        type="primary"
        onClick={() => {
          write.clear();
          form.resetFields();
          setEditing('new');
        }}
      >
        {t('settings.newSet')}
      </Button>
      <Failure error={sets.error} />
      <Table<RankingSet>
        rowKey="code"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={sets.isLoading}
        dataSource={sets.data ?? []}
        columns={[
          { title: t('settings.setName'), dataIndex: 'name' },
          {
            title: t('settings.setItems'),
            key: 'items',
            render: (_, s) =>
              s.items.map((item) => (
                <div key={`${item.indicator}/${item.measure}`}>
                  {label(item.indicator, item.measure)} × {item.weight}
                </div>
              )),
          },
          {
            title: t('settings.actions'),
            key: 'edit',
            render: (_, s) => (
              <Button
                size="small"
                onClick={() => {
                  write.clear();
                  form.resetFields();
                  setEditing(s);
                }}
              >
                {t('settings.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <FormModal<SetForm>
          width={720}
          title={current ? t('settings.editSet', { name: current.name }) : t('settings.newSet')}
          form={form}
          write={write}
          initialValues={
            current
              ? {
                  code: current.code,
                  name: current.name,
                  items: current.items.map((i) => ({
                    measure: `${i.indicator}/${i.measure}`,
                    weight: i.weight,
                  })),
                }
              : { items: [{ measure: 'I01_rural_income/per_capita', weight: '1' }] }
          }
          onClose={() => setEditing(null)}
          onSave={async (values) => {
            const body: RankingSetPut = {
              name: values.name,
              items: values.items.map((item) => {
                const [indicator = '', measure = ''] = item.measure.split('/');
                return { indicator, measure, weight: String(item.weight) };
              }),
            };
            const saved = await write.run(() =>
              putRankingSet(values.code, body, current?.version ?? null),
            );
            if (saved) {
              setEditing(null);
              await client.invalidateQueries({ queryKey: ['ranking-sets'] });
              await client.invalidateQueries({ queryKey: ['ranking'] });
            }
          }}
        >
          <Form.Item
            name="code"
            label={t('settings.setCode')}
            extra={t('settings.setCodeHelp')}
            rules={[
              { required: true, message: t('settings.setCodeHelp') },
              { pattern: /^[a-z0-9_-]{1,40}$/, message: t('settings.setCodeHelp') },
            ]}
          >
            <Input disabled={Boolean(current)} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('settings.setName')}
            rules={[{ required: true, message: t('settings.setNameRequired') }]}
          >
            <Input maxLength={100} showCount />
          </Form.Item>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item
                      name={[field.name, 'measure']}
                      label={t('dashboard.measure')}
                      rules={[{ required: true, message: t('settings.measureRequired') }]}
                    >
                      <Select style={{ minWidth: 320 }} showSearch options={measures} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'weight']}
                      label={t('settings.weight')}
                      rules={[{ required: true, message: t('settings.weightRequired') }]}
                    >
                      <InputNumber<string> stringMode min="0.0001" step="0.1" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                      {t('settings.remove')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ weight: '1' })}>{t('settings.addMeasure')}</Button>
              </>
            )}
          </Form.List>
        </FormModal>
      )}
    </Space>
  );
}
