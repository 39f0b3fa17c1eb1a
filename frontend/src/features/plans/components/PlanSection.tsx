import { Button, DotLoading, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { problemMessage } from '@/lib/api/problemWords';

import { measureName, type InsuranceIn, type Plan } from '../api/plans';
import { useMeasureTypes, usePlan, useQueuedPlan } from '../hooks/usePlan';

interface Props {
  householdId: string;
  year: number;
  /** open the plan's form */
  onEdit: () => void;
}

/** The year's plan: main measure and insurance, an update still on the phone shown in its place. */
export function PlanSection({ householdId, year, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const { data: plan, isLoading, isError } = usePlan(householdId, year);
  const { data: types = [] } = useMeasureTypes();
  const queued = useQueuedPlan(householdId, year);

  const measure = (): string => {
    if (queued) {
      const code = queued.body.main_measure;
      if (!code) return t('plan.noMeasure');
      const type = types.find((m) => m.code === code);
      return type ? measureName(type, i18n.language) : code;
    }
    return plan?.main_measure ? measureName(plan.main_measure, i18n.language) : t('plan.noMeasure');
  };
  const insurance: InsuranceIn | Plan['insurance'] | undefined = queued
    ? queued.body.insurance
    : plan?.insurance;
  const known = Boolean(queued || plan);

  return (
    <List header={t('plan.title', { year })}>
      {queued && (
        <List.Item
          description={
            queued.entry.rejection ? (
              <span className="rejection" role="alert">
                {problemMessage(queued.entry.rejection.problem, t)}
              </span>
            ) : (
              t('plan.queuedHint')
            )
          }
          extra={
            queued.entry.status === 'rejected' ? (
              <Tag color="danger">{t('outbox.rejected')}</Tag>
            ) : (
              <Tag color="primary">{t('outbox.waiting')}</Tag>
            )
          }
        >
          {t('plan.queued')}
        </List.Item>
      )}
      {isLoading && !queued && (
        <List.Item>
          <DotLoading />
        </List.Item>
      )}
      {!isLoading && !known && (
        <List.Item>{isError ? t('plan.unavailable') : t('plan.none')}</List.Item>
      )}
      {known && (
        <>
          {/* The measure by its name, in full under the label (a phone's right column cuts it). */}
          <List.Item description={<span className="measure-name">{measure()}</span>}>
            {t('plan.mainMeasure')}
          </List.Item>
          <List.Item
            extra={
              insurance?.insured ? (
                <Tag color="success">{t('plan.insured')}</Tag>
              ) : (
                <Tag>{t('plan.uninsured')}</Tag>
              )
            }
            description={
              insurance?.insured
                ? [
                    insurance.insurer,
                    insurance.policy_number &&
                      t('plan.policy', { number: insurance.policy_number }),
                    insurance.starts_on &&
                      insurance.ends_on &&
                      t('plan.period', { from: insurance.starts_on, to: insurance.ends_on }),
                    insurance.premium_paid_by && t(`plan.paidBy.${insurance.premium_paid_by}`),
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : undefined
            }
          >
            {t('plan.insurance')}
          </List.Item>
        </>
      )}
      <List.Item>
        <Button block size="small" color="primary" fill="outline" onClick={onEdit}>
          {queued?.entry.status === 'rejected'
            ? t('outbox.correct')
            : known
              ? t('plan.edit')
              : t('plan.create')}
        </Button>
      </List.Item>
    </List>
  );
}
