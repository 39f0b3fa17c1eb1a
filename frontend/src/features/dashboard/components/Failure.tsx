import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import { ApiError, problemText } from '@/lib/api';

/** A card's failed read: the server's problem, else "try later". */
export function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon message={error instanceof ApiError ? problemText(error.problem) : t('common.retryLater')} />;
}
