import { LoginError } from '@/lib/auth/session';
import { auth } from '@/lib/runtime';

export type LoginFailure = 'invalid' | 'locked' | 'offline' | 'unknown';

/** Log in; the failure named for the screen. */
export async function logIn(username: string, password: string): Promise<LoginFailure | null> {
  try {
    await auth.login(username.trim(), password);
    return null;
  } catch (error) {
    if (error instanceof LoginError) {
      if (error.status === 423) return 'locked';
      if (error.status === 400 || error.status === 401) return 'invalid';
      return 'unknown';
    }
    return 'offline';
  }
}

/** Where a login lands: cadres on their phone app, everyone else on the admin app. */
export { homeFor, landingFor } from '@/lib/auth/landing';
