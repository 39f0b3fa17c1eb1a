import { Button, DotLoading, Form, Radio, Space, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { fieldErrorText, problemMessage } from '@/lib/api/problemWords';
import { RefusedNotice } from '@/lib/forms/RefusedNotice';
import { useRevealErrors } from '@/lib/forms/revealError';

import { PLAN_FIELDS, measureName, planBody, queuePlan, type PlanValues } from '../api/plans';
import { useMeasureTypes } from '../hooks/usePlan';
import { usePlanDraft } from '../hooks/usePlanDraft';
import { InsuranceFields } from './InsuranceFields';

interface Props {
  householdId: string;
  householdLabel: string;
  year: number;
  onQueued: () => void;
}

const GOALS_MAX = 2000;

/**
 * Update the year's plan (or make it). Kept on the phone first and sent when possible; an edit
 * carries the version it started from. After "someone else saved first" it reloads the plan and
 * starts again from the version now there (usePlanDraft).
 */
export function PlanForm({ householdId, householdLabel, year, onQueued }: Props) {
  const { t, i18n } = useTranslation();
  const { initial, baseVersion, rejection, reload } = usePlanDraft(householdId, year);
  const { data: types = [] } = useMeasureTypes();
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
  const { ref, revealErrors } = useRevealErrors();

  // A refusal naming fields shows at those fields; the reason (or the first of them) in view.
  useEffect(() => {
    if (!initial || !rejection) return;
    const fields = (rejection.problem.errors ?? []).flatMap((e) =>
      PLAN_FIELDS[e.field] ? [{ name: PLAN_FIELDS[e.field]!, errors: [fieldErrorText(e, t)] }] : [],
    );
    if (rejection.status === 422) form.setFields(fields);
    revealErrors();
  }, [initial, rejection, form, t, revealErrors]);

  if (!initial) {
    return (
      <div className="centered" role="status">
        {t('common.loading')}
        <DotLoading />
      </div>
    );
  }

  const choices = types.filter((m) => m.active || m.code === initial.mainMeasure);

  const submit = async (values: PlanValues) => {
    setSaving(true);
    try {
      await queuePlan({
        householdId,
        year,
        body: planBody(values),
        baseVersion,
        label: householdLabel,
      });
      Toast.show({
        content: navigator.onLine ? t('plan.saved') : t('plan.savedOffline'),
        icon: 'success',
      });
      onQueued();
    } catch {
      Toast.show({ content: t('plan.saveFailed'), icon: 'fail' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div ref={ref}>
      <Form
        form={form}
        name="plan"
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void submit(values)}
        onFinishFailed={revealErrors}
        footer={
          <Button block type="submit" color="primary" size="large" loading={saving}>
            {t('plan.submit')}
          </Button>
        }
      >
        {rejection && (
          <RefusedNotice
            text={
              reload
                ? t('plan.savedFirst')
                : t('plan.rejectedBecause', { reason: problemMessage(rejection.problem, t) })
            }
          />
        )}
        <Form.Header>{t('plan.for', { name: householdLabel, year })}</Form.Header>
        <Form.Item
          name="mainMeasure"
          label={t('plan.mainMeasure')}
          help={choices.length ? undefined : t('plan.noTypes')}
        >
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="">{t('plan.noMeasure')}</Radio>
              {choices.map((m) => (
                <Radio key={m.code} value={m.code}>
                  {measureName(m, i18n.language)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="goals"
          label={t('plan.goals')}
          rules={[{ max: GOALS_MAX, message: t('visit.errors.tooLong', { max: GOALS_MAX }) }]}
        >
          <TextArea autoSize={{ minRows: 2 }} maxLength={GOALS_MAX} showCount />
        </Form.Item>
        <InsuranceFields form={form} />
      </Form>
    </div>
  );
}
