import { List, Tag, ErrorBlock, DotLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api/problems';

import type { Household } from '../api/caseload';
import { useHousehold } from '../hooks/useHousehold';

interface Props {
  id: string;
  /** rendered with the household once it is loaded (e.g. the visit list, more sections) */
  children?: (household: Household) => React.ReactNode;
}

/** A household as the registry shows it to a cadre: category, contact (masked), members (masked). */
export function HouseholdDetails({ id, children }: Props) {
  const { t } = useTranslation();
  const { data: household, isLoading, error } = useHousehold(id);
  if (isLoading) {
    return (
      <div className="centered" role="status">
        {t('common.loading')}
        <DotLoading />
      </div>
    );
  }
  if (!household) {
    const notFound = error instanceof ApiError && error.status === 404;
    return <ErrorBlock status={notFound ? 'empty' : 'disconnected'} title={notFound ? t('household.notFound') : t('household.loadFailed')} description="" />;
  }
  return (
    <>
      <List header={t('household.about')}>
        <List.Item extra={<Tag color={household.category === 'low_income' ? 'warning' : 'default'}>{t(`enums.category.${household.category}`)}</Tag>}>
          {household.head_name}
        </List.Item>
        {household.low_income_subtype && (
          <List.Item extra={t(`enums.lowIncomeSubtype.${household.low_income_subtype}`)}>{t('household.subtype')}</List.Item>
        )}
        {household.monitoring_type && (
          <List.Item extra={t(`enums.monitoringType.${household.monitoring_type}`)}>{t('household.monitoring')}</List.Item>
        )}
        <List.Item extra={household.address || t('common.none')}>{t('household.address')}</List.Item>
        <List.Item extra={household.phone || t('common.none')}>{t('household.phone')}</List.Item>
      </List>
      <List header={t('household.members', { count: household.members.length })}>
        {household.members.map((member) => (
          <List.Item
            key={member.id}
            description={`${member.id_number} · ${t(`enums.health.${member.health}`)} · ${t(`enums.employment.${member.employment}`)}`}
            extra={t(`enums.relation.${member.relation}`)}
          >
            {member.name}
            {!member.resident && <Tag className="inline-tag">{t('household.notResident')}</Tag>}
          </List.Item>
        ))}
      </List>
      {children?.(household)}
    </>
  );
}
