import { Button, DotLoading, Form, Input, NoticeBar, Radio, Space, TextArea, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Problem } from '@/lib/api/problems';
import { isKind, problemMessage, savedByOthers } from '@/lib/api/problemWords';

import { PAID_BY, baseVersionOf, measureName, queuePlan, type PaidBy, type Plan, type PlanIn } from '../api/plans';
import { useMeasureTypes, usePlan, useQueuedPlan } from '../hooks/usePlan';

interface Values {
  mainMeasure: string;
  goals: string;
  insured: 'yes' | 'no';
  insurer: string;
  policyNumber: string;
  startsOn: string;
  endsOn: string;
  paidBy: PaidBy | '';
}

interface Props {
  householdId: string;
  householdLabel: string;
  year: number;
  onQueued: () => void;
}

const GOALS_MAX = 2000;

/** The server's field (e.g. "insurance.insurer") as this form's field. */
const FIELDS: Record<string, keyof Values> = {
  main_measure: 'mainMeasure',
  goals: 'goals',
  insurance: 'insured',
  'insurance.insured': 'insured',
  'insurance.insurer': 'insurer',
  'insurance.policy_number': 'policyNumber',
  'insurance.starts_on': 'startsOn',
  'insurance.ends_on': 'endsOn',
  'insurance.premium_paid_by': 'paidBy',
};

function valuesOf(body: PlanIn | null): Values {
  const insurance = body?.insurance;
  return {
    mainMeasure: body?.main_measure ?? '',
    goals: body?.goals ?? '',
    insured: insurance?.insured ? 'yes' : 'no',
    insurer: insurance?.insurer ?? '',
    policyNumber: insurance?.policy_number ?? '',
    startsOn: insurance?.starts_on ?? '',
    endsOn: insurance?.ends_on ?? '',
    paidBy: insurance?.premium_paid_by ?? '',
  };
}

function bodyOfPlan(plan: Plan): PlanIn {
  return { main_measure: plan.main_measure?.code ?? null, goals: plan.goals, insurance: plan.insurance };
}

function bodyOf(values: Values): PlanIn {
  const insured = values.insured === 'yes';
  return {
    main_measure: values.mainMeasure || null,
    goals: values.goals.trim(),
    insurance: insured
      ? {
          insured,
          insurer: values.insurer.trim(),
          policy_number: values.policyNumber.trim(),
          starts_on: values.startsOn || null,
          ends_on: values.endsOn || null,
          premium_paid_by: values.paidBy || null,
        }
      : { insured, insurer: '', policy_number: '', starts_on: null, ends_on: null, premium_paid_by: null },
  };
}

/** Someone else saved the plan first (a stale version), or made one while this phone made another (version required). */
const savedFirst = (problem: Problem | undefined) => !!problem && (savedByOthers(problem) || isKind(problem, 'versionRequired'));

/**
 * Update the year's plan (or make it). Kept on the phone first and sent when possible; an edit
 * carries the version it started from. After "someone else saved first" it reloads the plan and
 * starts again from the version now there, the phone's values kept for the cadre to check.
 */
export function PlanForm({ householdId, householdLabel, year, onQueued }: Props) {
  const { t, i18n } = useTranslation();
  const queued = useQueuedPlan(householdId, year);
  const rejection = queued?.entry.rejection ?? null;
  const reload = savedFirst(rejection?.problem);
  const { data: plan, isFetching, isLoading, refetch } = usePlan(householdId, year);
  const { data: types = [] } = useMeasureTypes();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const insured = Form.useWatch('insured', form);

  // After "someone else saved first", read the plan again before the form opens.
  const [reloaded, setReloaded] = useState(!reload);
  useEffect(() => {
    if (reload) void refetch().finally(() => setReloaded(true));
    // only on opening
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const ready = reloaded && !isLoading && !(reload && isFetching);
  const initial = useMemo(
    () => (ready ? valuesOf(queued?.body ?? (plan ? bodyOfPlan(plan) : null)) : null),
    // The form keeps its own state once open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready],
  );
  const baseVersion = queued && !reload ? baseVersionOf(queued.entry.context) : (plan?.version ?? null);

  // A refusal naming fields shows at those fields.
  useEffect(() => {
    if (!initial || rejection?.status !== 422) return;
    const fields = (rejection.problem.errors ?? []).flatMap((e) => (FIELDS[e.field] ? [{ name: FIELDS[e.field]!, errors: [e.message] }] : []));
    form.setFields(fields);
  }, [initial, rejection, form]);

  if (!initial) {
    return (
      <div className="centered" role="status">
        {t('common.loading')}
        <DotLoading />
      </div>
    );
  }

  const choices = types.filter((m) => m.active || m.code === initial.mainMeasure);

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await queuePlan({ householdId, year, body: bodyOf(values), baseVersion, label: householdLabel });
      Toast.show({ content: navigator.onLine ? t('plan.saved') : t('plan.savedOffline'), icon: 'success' });
      onQueued();
    } catch {
      Toast.show({ content: t('plan.saveFailed'), icon: 'fail' });
    } finally {
      setSaving(false);
    }
  };

  const required = (message: string) => ({ required: true, message });

  return (
    <Form
      form={form}
      name="plan"
      layout="vertical"
      initialValues={initial}
      onFinish={(values) => void submit(values)}
      footer={
        <Button block type="submit" color="primary" size="large" loading={saving}>
          {t('plan.submit')}
        </Button>
      }
    >
      {rejection && (
        <NoticeBar
          color="error"
          wrap
          content={reload ? t('plan.savedFirst') : t('plan.rejectedBecause', { reason: problemMessage(rejection.problem, t) })}
        />
      )}
      <Form.Header>{t('plan.for', { name: householdLabel, year })}</Form.Header>
      <Form.Item name="mainMeasure" label={t('plan.mainMeasure')} help={choices.length ? undefined : t('plan.noTypes')}>
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="">{t('plan.noMeasure')}</Radio>
            {choices.map((m) => (
              <Radio key={m.code} value={m.code}>
                {measureName(m, i18n.language)}
                <span className="hint"> · {t('plan.measureNo', { no: m.measure_no })}</span>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="goals" label={t('plan.goals')} rules={[{ max: GOALS_MAX, message: t('visit.errors.tooLong', { max: GOALS_MAX }) }]}>
        <TextArea autoSize={{ minRows: 2 }} maxLength={GOALS_MAX} />
      </Form.Item>
      <Form.Header>{t('plan.insurance')}</Form.Header>
      <Form.Item name="insured" label={t('plan.insuredQuestion')}>
        <Radio.Group>
          <Space>
            <Radio value="yes">{t('plan.insured')}</Radio>
            <Radio value="no">{t('plan.uninsured')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {insured === 'yes' && (
        <>
          <Form.Item name="insurer" label={t('plan.insurer')} rules={[required(t('plan.errors.insurer')), { max: 100, message: t('visit.errors.tooLong', { max: 100 }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="policyNumber" label={t('plan.policyNumber')} rules={[{ max: 60, message: t('visit.errors.tooLong', { max: 60 }) }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="startsOn" label={t('plan.startsOn')} rules={[required(t('plan.errors.period'))]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('plan.endsOn')}
            dependencies={['startsOn']}
            rules={[
              required(t('plan.errors.period')),
              {
                validator: async (_rule, value: string) => {
                  const starts = form.getFieldValue('startsOn') as string;
                  if (value && starts && value < starts) throw new Error(t('plan.errors.endsBeforeStart'));
                },
              },
            ]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="paidBy" label={t('plan.paidByLabel')}>
            <Radio.Group>
              <Space wrap>
                {PAID_BY.map((who) => (
                  <Radio key={who} value={who}>
                    {t(`plan.paidBy.${who}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </>
      )}
    </Form>
  );
}
