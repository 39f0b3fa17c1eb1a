import { Button, Toast } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { problemMessage } from '@/lib/api/problemWords';
import { ApiError } from '@/lib/api/problems';
import { useOnline } from '@/lib/hooks';

import { phoneToCall } from '../api/caseload';

/**
 * Tap to call the household: its phone comes whole from the registry only now, for the cadre
 * paired to it, and that read is audited (the page itself shows it masked). Kept in memory only.
 */
export function CallButton({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const call = async () => {
    if (!online) {
      Toast.show({ content: t('household.callOffline') });
      return;
    }
    setBusy(true);
    try {
      const whole = await phoneToCall(householdId);
      if (!whole) {
        Toast.show({ content: t('household.noPhone') });
        return;
      }
      // The number as a tel: link: a tap on it dials (the phone asks first).
      setPhone(whole);
    } catch (error) {
      const reason =
        error instanceof ApiError ? problemMessage(error.problem, t) : t('common.retryLater');
      Toast.show({ content: t('household.callFailed', { reason }), icon: 'fail' });
    } finally {
      setBusy(false);
    }
  };

  if (phone)
    return (
      <a className="call-link" href={`tel:${phone}`}>
        <PhoneFill /> {phone}
      </a>
    );
  return (
    <Button size="mini" color="primary" fill="outline" loading={busy} onClick={() => void call()}>
      <PhoneFill /> {busy ? t('household.calling') : t('household.call')}
    </Button>
  );
}
