/**
 * The admin app for township officers, the county admin and leaders (Ant Design). Part B fills it:
 * registry screens, imports, the dashboard, alerts and needs, audit. Its own chunk: antd never
 * reaches a cadre's phone.
 */
import { Button, ConfigProvider, Layout, Result } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { useSession } from '@/lib/hooks';
import { LanguageSwitch } from '@/lib/i18n/LanguageSwitch';
import { logOut } from '@/lib/runtime';

export default function AdminApp() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ color: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <strong>{t('admin.title')}</strong>
          <span>{session?.me.name}</span>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Result
            status="info"
            title={t('admin.comingTitle')}
            subTitle={t('admin.comingText')}
            extra={[
              <Button key="docs" href="/api/docs">
                {t('admin.apiDocs')}
              </Button>,
              <Button
                key="logout"
                onClick={() => {
                  void logOut().then(() => navigate('/login', { replace: true }));
                }}
              >
                {t('me.logout')}
              </Button>,
            ]}
          />
          <LanguageSwitch />
        </Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}
