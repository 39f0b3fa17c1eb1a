import { useQuery } from '@tanstack/react-query';
import { DotLoading, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import { openNeedsOf } from '../api/followups';

/** The household's needs not yet closed, the overdue ones marked. */
export function OpenNeeds({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const { data: needs = [], isLoading, isError } = useQuery(openNeedsOf(householdId));
  return (
    <List header={t('openItems.needs', { count: needs.length })}>
      {isLoading && (
        <List.Item>
          <DotLoading />
        </List.Item>
      )}
      {!isLoading && !needs.length && (
        <List.Item>{isError ? t('openItems.unavailable') : t('openItems.noNeeds')}</List.Item>
      )}
      {needs.map((need) => (
        <List.Item
          key={need.id}
          description={[t('openItems.due', { date: need.due_on }), need.responsible_unit]
            .filter(Boolean)
            .join(' · ')}
          extra={
            <span className="row-tags">
              {need.overdue && <Tag color="danger">{t('openItems.overdue')}</Tag>}
              <Tag color={need.status === 'in_progress' ? 'primary' : 'default'}>
                {t(`followup.needStatus.${need.status}`)}
              </Tag>
            </span>
          }
        >
          {need.description}
        </List.Item>
      ))}
    </List>
  );
}
