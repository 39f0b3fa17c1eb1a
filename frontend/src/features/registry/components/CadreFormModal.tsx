/** A new cadre, or an edit of one on the version on screen (If-Match; a 412 loads the fresh data). */
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { AreaPicker, DepartmentPicker } from '@/lib/pickers';
import { FormModal, useWrite } from '@/lib/write';
import { useLabels } from '@/lib/vocabularies';

import {
  CADRE_TYPES,
  cadreBody,
  cadreFormOf,
  cadreKeys,
  createCadre,
  updateCadre,
  type Cadre,
  type CadreForm,
} from '../api/cadres';

export function CadreFormModal({
  cadre,
  onDone,
  onClose,
}: {
  cadre?: Cadre;
  onDone: (saved: Cadre) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const client = useQueryClient();
  const [form] = Form.useForm<CadreForm>();
  const write = useWrite(form, {
    onConflict: () => cadre && client.invalidateQueries({ queryKey: cadreKeys.one(cadre.id) }),
  });
  // The fresh record after someone else's save: the form shows it, to be changed again.
  useEffect(() => {
    if (cadre) form.setFieldsValue(cadreFormOf(cadre));
  }, [cadre, form]);

  const submit = async (values: CadreForm) => {
    const saved = await write.run(() =>
      cadre
        ? updateCadre(cadre, values, cadre.active, t('cadres.editReason'))
        : createCadre(cadreBody(values, null, true)),
    );
    if (saved) {
      client.setQueryData(cadreKeys.one(saved.id), saved);
      await client.invalidateQueries({ queryKey: cadreKeys.lists });
      onDone(saved);
    }
  };

  return (
    <FormModal<CadreForm>
      title={cadre ? t('cadres.editTitle') : t('cadres.createTitle')}
      form={form}
      write={write}
      initialValues={cadre ? cadreFormOf(cadre) : { type: 'township_staff', skills: [] }}
      onSave={submit}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('cadres.name')}
        rules={[{ required: true, whitespace: true, max: 40, message: t('regAdmin.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="phone"
        label={cadre ? t('registry.newPhone') : t('cadres.phone')}
        extra={cadre?.phone ? t('registry.phoneKept') : undefined}
      >
        <Input autoComplete="off" inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="department_id"
        label={t('cadres.department')}
        rules={[{ required: true, message: t('links.pickOne') }]}
      >
        <DepartmentPicker />
      </Form.Item>
      <Form.Item name="type" label={t('cadres.type')} rules={[{ required: true }]}>
        <Select options={vocab.options('cadre_type', CADRE_TYPES)} />
      </Form.Item>
      <Form.Item
        name="home_area_code"
        label={t('cadres.homeArea')}
        rules={[{ required: true, message: t('links.pickOne') }]}
      >
        <AreaPicker />
      </Form.Item>
      <Form.Item name="skills" label={t('cadres.skills')} extra={t('cadres.skillsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，']} />
      </Form.Item>
    </FormModal>
  );
}
