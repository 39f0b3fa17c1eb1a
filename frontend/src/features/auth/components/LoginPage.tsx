import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';

import { useSession } from '@/lib/hooks';
import { LanguageSwitch } from '@/lib/i18n/LanguageSwitch';
import { problemMessage } from '@/lib/api/problemWords';
import { lastSubject } from '@/lib/auth/landing';
import type { OutboxEntry } from '@/lib/offline/db';
import { auth, outbox } from '@/lib/runtime';

import type { SavedPlace } from '@/lib/auth/landing';

import { landingFor, logIn, type LoginFailure } from '../api/login';

/** The one login page of both apps: plain HTML, so neither app's component library loads here. */
export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  // What the last login left refused on this phone (its account deactivated, say): said here,
  // since that login cannot come back to its outbox.
  const [left, setLeft] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    const who = lastSubject();
    if (!who) return;
    let live = true;
    const load = () =>
      void outbox
        .list(who)
        .then((list) => live && setLeft(list.filter((e) => e.status === 'rejected')));
    load();
    const unsubscribe = outbox.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const refusal = left[0]?.rejection;

  // The page the guard sent here from, honoured only for the user who was on it (landingFor).
  const saved = location.state as Partial<SavedPlace> | null;
  if (session) return <Navigate to={landingFor(session.me, saved)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(await logIn(username, password));
    setBusy(false);
    const after = auth.session();
    if (after) navigate(landingFor(after.me, saved), { replace: true });
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('app.name')}</h1>
        <p className="login-subtitle">{t('auth.subtitle')}</p>
        <label htmlFor="login-username">{t('auth.username')}</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="login-password">{t('auth.password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {refusal && (
          <p className="login-error" role="alert" data-testid="left-on-phone">
            {t('auth.failure.leftOnPhone', {
              count: left.length,
              reason: problemMessage(refusal.problem, t),
            })}
          </p>
        )}
        {failure && (
          <p className="login-error" role="alert">
            {t(`auth.failure.${failure}`)}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('auth.submitting') : t('auth.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
