import { useEffect } from 'react';

import { LoginPage } from '@/features/auth';

/** A phone (a coarse pointer or a narrow screen) is most likely a cadre's. */
const onAPhone = () =>
  window.matchMedia('(pointer: coarse)').matches || window.matchMedia('(max-width: 768px)').matches;

/**
 * The login page, and on a phone the cadre app fetched while the person types (a weak signal
 * makes that the difference between the list at once and seconds of waiting). An officer's
 * desktop fetches nothing it may not need.
 */
export function LoginRoute({ preload }: { preload: () => Promise<unknown> }) {
  useEffect(() => {
    if (!onAPhone()) return;
    const started = window.setTimeout(() => void preload().catch(() => undefined), 0);
    return () => window.clearTimeout(started);
  }, [preload]);
  return <LoginPage />;
}
