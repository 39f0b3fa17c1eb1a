import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { Failure } from '@/lib/write';

import { yuan, toFen } from '../api/income';
import { useHappinessOf, usePlanOf, type HappinessItem } from '../api/record';

/** The year's plan: main measure, goals, and the supplementary medical insurance. */
export function PlanCard({ householdId, year }: { householdId: string; year: number }) {
  const { t, i18n } = useTranslation();
  const plan = usePlanOf(householdId, year);
  if (plan.error) return <Failure error={plan.error} />;
  if (plan.isLoading) return null;
  const p = plan.data;
  if (!p) return <Empty description={t('plan.none')} />;
  const measure = p.main_measure
    ? i18n.language === 'en'
      ? p.main_measure.name_en
      : p.main_measure.name_zh
    : t('plan.noMeasure');
  const insurance = p.insurance;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('plan.title', { year })}>
      <Descriptions.Item label={t('plan.mainMeasure')}>{measure}</Descriptions.Item>
      <Descriptions.Item label={t('plan.goals')}>{p.goals || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('plan.insurance')}>
        {insurance.insured ? (
          <Tag color="green">{t('plan.insured')}</Tag>
        ) : (
          <Tag color="red">{t('plan.uninsured')}</Tag>
        )}
      </Descriptions.Item>
      {insurance.insured && (
        <>
          <Descriptions.Item label={t('plan.insurer')}>{insurance.insurer}</Descriptions.Item>
          <Descriptions.Item label={t('plan.policyNumber')}>
            {insurance.policy_number}
          </Descriptions.Item>
          <Descriptions.Item label={t('record.cover')}>
            {t('plan.period', { from: insurance.starts_on, to: insurance.ends_on })}
          </Descriptions.Item>
          {insurance.premium_paid_by && (
            <Descriptions.Item label={t('plan.paidByLabel')}>
              {t(`plan.paidBy.${insurance.premium_paid_by}`)}
            </Descriptions.Item>
          )}
        </>
      )}
    </Descriptions>
  );
}

/** The year's happiness list with its total. */
export function HappinessTable({ householdId, year }: { householdId: string; year: number }) {
  const { t } = useTranslation();
  const list = useHappinessOf(householdId, year);
  const items = list.data?.items ?? [];
  const total = items.reduce((sum, item) => sum + toFen(item.value), 0n);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Failure error={list.error} />
      <Typography.Text strong>{t('happiness.title', { year })}</Typography.Text>
      <Table<HappinessItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('happiness.none') }}
        columns={[
          { title: t('happiness.itemTitle'), dataIndex: 'title' },
          {
            title: t('happiness.categoryLabel'),
            key: 'category',
            render: (_, i) => t(`happiness.category.${i.category}`),
          },
          {
            title: t('record.value'),
            key: 'value',
            align: 'right',
            render: (_, i) => t('record.yuan', { value: yuan(toFen(i.value)) }),
          },
          { title: t('record.unit'), dataIndex: 'delivering_unit' },
          { title: t('record.deliveredOn'), dataIndex: 'delivered_on' },
          {
            title: t('followup.status'),
            key: 'status',
            render: (_, i) => t(`happiness.status.${i.status}`),
          },
        ]}
      />
      {items.length > 0 && (
        <Typography.Text>
          {t('happiness.total', { count: items.length })}：
          {t('record.yuan', { value: yuan(total) })}
        </Typography.Text>
      )}
    </Space>
  );
}
