import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';

import { useSession } from '@/lib/hooks';
import { LanguageSwitch } from '@/lib/i18n/LanguageSwitch';
import { auth } from '@/lib/runtime';

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
