import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import { errorMessage } from '@/lib/api';

/** A failed read (a list, a card): the problem in the app's words, else "check the network". */
export function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon message={errorMessage(error, t)} />;
}
