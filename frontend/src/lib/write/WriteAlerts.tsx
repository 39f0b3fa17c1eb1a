import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  conflict: boolean;
  error: string | null;
  /** What "someone else saved first" says here; by default that the fresh data is already in the form. */
  savedFirst?: string;
  /** A button that loads the fresh data, where the form does not do it itself. */
  onReload?: () => void;
}

/** Above a form: "someone else saved first", or the refusal. */
export function WriteAlerts({ conflict, error, savedFirst, onReload }: Props) {
  const { t } = useTranslation();
  if (!conflict && !error) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {conflict && (
        <Alert
          role="alert"
          type="warning"
          showIcon
          message={savedFirst ?? t('regAdmin.savedFirst')}
          description={savedFirst ? undefined : t('regAdmin.freshLoaded')}
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
