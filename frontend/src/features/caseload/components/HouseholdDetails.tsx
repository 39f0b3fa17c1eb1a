import { List, Tag, ErrorBlock, DotLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api/problems';
import { useLabels } from '@/lib/vocabularies';

import type { Household } from '../api/caseload';
import { useHousehold } from '../hooks/useHousehold';
import { CallButton } from './CallButton';

interface Props {
  id: string;
  /** rendered with the household once it is loaded (e.g. the visit list, more sections) */
  children?: (household: Household) => React.ReactNode;
}

/** A household as the registry shows it to a cadre: category, contact (masked), members (masked). */
export function HouseholdDetails({ id, children }: Props) {
  const { t } = useTranslation();
  const vocab = useLabels();
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
    return (
      <ErrorBlock
        status={notFound ? 'empty' : 'disconnected'}
        title={notFound ? t('household.notFound') : t('household.loadFailed')}
        description=""
      />
    );
  }
  return (
    <>
      <List header={t('household.about')}>
        <List.Item
          extra={
            <Tag color={household.category === 'low_income' ? 'warning' : 'default'}>
              {vocab.label('household_category', household.category)}
            </Tag>
          }
        >
          {household.head_name}
        </List.Item>
        {household.low_income_subtype && (
          <List.Item extra={vocab.label('low_income_subtype', household.low_income_subtype)}>
            {t('household.subtype')}
          </List.Item>
        )}
        {household.monitoring_type && (
          <List.Item extra={vocab.label('monitoring_type', household.monitoring_type)}>
            {t('household.monitoring')}
          </List.Item>
        )}
        <List.Item extra={household.address || t('common.none')}>
          {t('household.address')}
        </List.Item>
        <List.Item
          description={household.phone || t('common.none')}
          extra={household.phone ? <CallButton householdId={household.id} /> : undefined}
        >
          {t('household.phone')}
        </List.Item>
      </List>
      <List header={t('household.members', { count: household.members.length })}>
        {household.members.map((member) => (
          <List.Item
            key={member.id}
            description={`${member.id_number} · ${vocab.label('health', member.health)} · ${vocab.label('employment', member.employment)}`}
            extra={vocab.label('relation', member.relation)}
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
