import { Button, Dialog, List, type DialogConfirmProps } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { useOutboxCounts } from '@/features/outbox';
import { useSession } from '@/lib/hooks';
import { LanguageSwitch } from '@/lib/i18n/LanguageSwitch';
import { useAreaNames } from '@/lib/names';
import { logOut } from '@/lib/runtime';

/**
 * Asks, and answers only once the dialog is gone, closing fade and all: the answer's effect (here
 * the login page) is never shown with the dialog's buttons still over it.
 */
function confirmOnceClosed(
  props: Omit<DialogConfirmProps, 'onConfirm' | 'afterClose'>,
): Promise<boolean> {
  return new Promise((resolve) => {
    let confirmed = false;
    void Dialog.confirm({
      ...props,
      onConfirm: () => {
        confirmed = true;
      },
      afterClose: () => resolve(confirmed),
    });
  });
}

export function MePage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { total } = useOutboxCounts();
  // Kept on the phone like the cadre's other reads, so the page names the area offline too.
  const areas = useAreaNames([session?.me.area], { offline: true });

  const confirmLogout = async () => {
    const message = total > 0 ? t('me.logoutWithQueued', { count: total }) : t('me.logoutConfirm');
    if (
      await confirmOnceClosed({
        content: message,
        confirmText: t('me.logout'),
        cancelText: t('common.cancel'),
      })
    ) {
      await logOut();
      navigate('/login', { replace: true });
    }
  };

  if (!session) return null;
  return (
    <>
      <List header={t('me.title')}>
        <List.Item extra={session.me.name}>{t('me.name')}</List.Item>
        <List.Item
          extra={session.me.roles
            .map((role) => t(`roles.${role}`, { defaultValue: role }))
            .join('、')}
        >
          {t('me.roles')}
        </List.Item>
        <List.Item extra={session.me.area ? areas.place(session.me.area) : t('users.everywhere')}>
          {t('me.area')}
        </List.Item>
      </List>
      <div className="me-card">
        <LanguageSwitch />
      </div>
      <div className="actions">
        <Button block color="danger" fill="outline" onClick={() => void confirmLogout()}>
          {t('me.logout')}
        </Button>
      </div>
    </>
  );
}
