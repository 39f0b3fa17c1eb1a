import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { RankingSetsTab } from './RankingSetsTab';
import { TargetsTab } from './TargetsTab';

/** 设置: the county admin's targets and ranking sets. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'targets', label: t('settings.targets'), children: <TargetsTab /> },
          { key: 'sets', label: t('settings.rankingSets'), children: <RankingSetsTab /> },
        ]}
      />
    </Card>
  );
}
