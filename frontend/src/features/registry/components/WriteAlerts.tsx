import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** Above a form: "someone else saved first" (the fresh data is already in the form), or the refusal. */
export function WriteAlerts({ conflict, error, onReload }: { conflict: boolean; error: string | null; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!conflict && !error) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {conflict && (
        <Alert
          role="alert"
          type="warning"
          showIcon
          message={t('regAdmin.savedFirst')}
          description={t('regAdmin.freshLoaded')}
          action={
            onReload && (
              <Button size="small" onClick={onReload}>
                {t('registry.reload')}
              </Button>
            )
          }
        />
      )}
      {error && <Alert role="alert" type="error" showIcon message={error} />}
    </Space>
  );
}
