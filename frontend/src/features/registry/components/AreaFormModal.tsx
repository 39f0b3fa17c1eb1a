/** A new village under a township, or an area's name, edition and size (If-Match; a 412 loads the fresh data). */
import { Form, Input, InputNumber, Select } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal, useWrite } from '@/lib/write';
import { useLabels } from '@/lib/vocabularies';

import {
  SIZE_CLASSES,
  createArea,
  getArea,
  updateArea,
  type Area,
  type AreaForm,
} from '../api/areas';

export function AreaFormModal({
  area,
  parent,
  onDone,
  onClose,
}: {
  area?: Area;
  parent?: Area;
  onDone: (saved: Area) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const [form] = Form.useForm<AreaForm>();
  // After someone else's save the form shows the fresh area, and the next save goes on its version.
  const fresh = useRef(area);
  const write = useWrite(form, {
    onConflict: async () => {
      if (!area) return;
      fresh.current = await getArea(area.code);
      form.setFieldsValue(fresh.current);
    },
  });
  const village = !area || area.level === 'village';

  const submit = async (values: AreaForm) => {
    const saved = await write.run(() =>
      area ? updateArea(fresh.current ?? area, values) : createArea(values),
    );
    if (saved) onDone(saved);
  };

  return (
    <FormModal<AreaForm>
      title={
        area
          ? t('areas.editTitle', { name: area.name })
          : t('areas.addTitle', { name: parent?.name ?? '' })
      }
      form={form}
      write={write}
      initialValues={
        area ?? {
          code: parent?.code ?? '',
          edition: new Date().getFullYear(),
          size_class: 'medium',
        }
      }
      onSave={submit}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('areas.code')}
        extra={area ? undefined : t('areas.codeHint')}
        rules={
          area
            ? []
            : [
                {
                  required: true,
                  pattern: new RegExp(
                    `^${parent?.code ?? ''}\\d{${12 - (parent?.code.length ?? 0)}}$`,
                  ),
                  message: t('areas.codeRule', { parent: parent?.code ?? '' }),
                },
              ]
        }
      >
        <Input disabled={!!area} inputMode="numeric" maxLength={12} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('areas.name')}
        rules={[{ required: true, whitespace: true, max: 60, message: t('regAdmin.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="edition" label={t('areas.edition')} rules={[{ required: true }]}>
        <InputNumber min={1980} max={2100} precision={0} />
      </Form.Item>
      {village && (
        <Form.Item name="size_class" label={t('areas.sizeClass')} extra={t('areas.sizeHint')}>
          <Select allowClear options={vocab.options('size_class', SIZE_CLASSES)} />
        </Form.Item>
      )}
    </FormModal>
  );
}
