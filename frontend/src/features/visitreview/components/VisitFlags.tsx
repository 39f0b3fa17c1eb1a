import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Visit } from '../api/visits';

/** A visit's flags as tags: far from home, entered late, a risk (when the login may know it). */
export function VisitFlagTags({ flags }: { flags: Visit['flags'] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {flags.far_from_home && <Tag color="orange">{t('visitReview.flags.far_from_home')}</Tag>}
      {flags.late_entry && <Tag color="gold">{t('visitReview.flags.late_entry')}</Tag>}
      {flags.risk && <Tag color="red">{t('visitReview.flags.risk')}</Tag>}
    </Space>
  );
}
