import { Button, Form, Input, Radio, Space, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { fieldErrorText, isKind, problemMessage } from '@/lib/api/problemWords';
import { CharCount } from '@/lib/forms/CharCount';
import { RefusedNotice } from '@/lib/forms/RefusedNotice';
import { useRevealErrors } from '@/lib/forms/revealError';
import { newId } from '@/lib/ids';
import type { Rejection } from '@/lib/offline/db';
import { countyDay } from '@/lib/time';

import {
  CATEGORIES,
  ITEM_STATUSES,
  queueHappinessItem,
  toYuan,
  type Category,
  type HappinessItemIn,
  type ItemStatus,
} from '../api/happiness';

interface Values {
  title: string;
  category: Category;
  value: string;
  status: ItemStatus;
  deliveredOn: string;
  deliveringUnit: string;
}

interface Props {
  householdId: string;
  householdLabel: string;
  /** an item still on the phone being corrected: its id, body and the server's reason */
  initial?: { id: string; body: HappinessItemIn; rejection: Rejection | null };
  onQueued: (id: string) => void;
}

/** The server's field as this form's field. */
const FIELDS: Record<string, keyof Values> = {
  title: 'title',
  category: 'category',
  value: 'value',
  status: 'status',
  delivered_on: 'deliveredOn',
  delivering_unit: 'deliveringUnit',
};

function valuesOf(body: HappinessItemIn | undefined): Values {
  if (!body)
    return {
      title: '',
      category: 'subsidy',
      value: '',
      status: 'delivered',
      deliveredOn: countyDay(),
      deliveringUnit: '',
    };
  return {
    title: body.title,
    category: body.category,
    value: String(body.value),
    status: body.status,
    deliveredOn: body.delivered_on,
    deliveringUnit: body.delivering_unit,
  };
}

/** Add an item to the household's happiness list (or correct a refused one), online or not. */
export function HappinessForm({ householdId, householdLabel, initial, onQueued }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const initialValues = useMemo(() => valuesOf(initial?.body), [initial]);
  const [saving, setSaving] = useState(false);
  const { ref, revealErrors } = useRevealErrors();
  const title = Form.useWatch('title', form);
  const unit = Form.useWatch('deliveringUnit', form);

  // A refusal naming fields shows at those fields, the first in view.
  useEffect(() => {
    const problem = initial?.rejection?.problem;
    if (!problem) return;
    form.setFields(
      (problem.errors ?? []).flatMap((e) =>
        FIELDS[e.field] ? [{ name: FIELDS[e.field]!, errors: [fieldErrorText(e, t)] }] : [],
      ),
    );
    revealErrors();
  }, [initial, form, t, revealErrors]);

  const submit = async (values: Values) => {
    const body: HappinessItemIn = {
      household_id: householdId,
      title: values.title.trim(),
      category: values.category,
      value: toYuan(values.value) ?? values.value,
      status: values.status,
      delivered_on: values.deliveredOn,
      delivering_unit: values.deliveringUnit.trim(),
    };
    // An item the server refused as a conflict holds another body under that id: use a new one.
    const id =
      initial && !isKind(initial.rejection?.problem, 'sameIdOtherBody') ? initial.id : newId();
    setSaving(true);
    try {
      await queueHappinessItem({ id, body, label: householdLabel });
      Toast.show({
        content: navigator.onLine ? t('happiness.saved') : t('happiness.savedOffline'),
        icon: 'success',
      });
      onQueued(id);
    } catch {
      Toast.show({ content: t('happiness.saveFailed'), icon: 'fail' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div ref={ref}>
      <Form
        form={form}
        name="happiness"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        onFinishFailed={revealErrors}
        footer={
          <Button block type="submit" color="primary" size="large" loading={saving}>
            {t('happiness.submit')}
          </Button>
        }
      >
        {initial?.rejection && (
          <RefusedNotice
            text={t('happiness.rejectedBecause', {
              reason: problemMessage(initial.rejection.problem, t),
            })}
          />
        )}
        <Form.Header>{t('happiness.for', { name: householdLabel })}</Form.Header>
        <Form.Item
          name="title"
          label={t('happiness.itemTitle')}
          extra={<CharCount value={title} max={100} />}
          rules={[
            { required: true, whitespace: true, message: t('happiness.errors.title') },
            { max: 100, message: t('visit.errors.tooLong', { max: 100 }) },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('happiness.categoryLabel')}
          rules={[{ required: true, message: t('happiness.errors.category') }]}
        >
          <Radio.Group>
            <Space wrap>
              {CATEGORIES.map((category) => (
                <Radio key={category} value={category}>
                  {t(`happiness.category.${category}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="value"
          label={t('happiness.value')}
          rules={[
            { required: true, message: t('happiness.errors.value') },
            {
              validator: async (_rule, value: string) => {
                if (value && toYuan(value) === null) throw new Error(t('happiness.errors.value'));
              },
            },
          ]}
        >
          <Input inputMode="decimal" placeholder="1200.00" />
        </Form.Item>
        <Form.Item name="status" label={t('happiness.statusLabel')}>
          <Radio.Group>
            <Space>
              {ITEM_STATUSES.map((status) => (
                <Radio key={status} value={status}>
                  {t(`happiness.status.${status}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="deliveredOn"
          label={t('happiness.deliveredOn')}
          help={t('happiness.deliveredOnHelp')}
          rules={[{ required: true, message: t('happiness.errors.deliveredOn') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="deliveringUnit"
          label={t('happiness.deliveringUnit')}
          extra={<CharCount value={unit} max={100} />}
          rules={[{ max: 100, message: t('visit.errors.tooLong', { max: 100 }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </div>
  );
}
