/**
 * The login: tokens and who they are for, kept in localStorage so the app opens offline.
 *
 * Access tokens are refreshed shortly before they expire. A refresh token is good once (reusing one
 * revokes the whole login), so refreshes are single-flight in a tab and serialised across tabs with
 * a Web Lock; inside the lock the stored session is read again, in case another tab already did it.
 */

export interface Me {
  subject: string;
  name: string;
  roles: string[];
  area: string;
  cadre_id: string | null;
  scopes: string[];
}

export interface Session {
  accessToken: string;
  refreshToken: string | null;
  /** epoch milliseconds */
  expiresAt: number;
  me: Me;
}

export interface SessionStorage {
  load(): Session | null;
  save(session: Session | null): void;
}

const STORAGE_KEY = 'fumin.session';
/** Refresh when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export function browserStorage(): SessionStorage {
  return {
    load() {
      try {
        const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
        return raw ? (JSON.parse(raw) as Session) : null;
      } catch {
        return null;
      }
    },
    save(session) {
      if (session) globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(session));
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
    },
  };
}

export function memoryStorage(initial: Session | null = null): SessionStorage {
  let value = initial;
  return {
    load: () => value,
    save: (session) => {
      value = session;
    },
  };
}

export class LoginError extends Error {
  readonly status: number;
  /** the server's problem `type`, when it sent one */
  readonly type: string;

  constructor(status: number, message: string, type = 'about:blank') {
    super(message);
    this.name = 'LoginError';
    this.status = status;
    this.type = type;
  }
}

/** Why the server ended a login (a refused refresh), kept for the login page and the outbox. */
export interface EndedLogin {
  subject: string;
  status: number;
  type: string;
  title: string;
}

type Lock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

/** Web Locks where the browser has them (serialises tabs); plain calls elsewhere (tests). */
const webLock: Lock = (name, task) => {
  const locks = globalThis.navigator?.locks;
  return locks ? (locks.request(name, task) as Promise<Awaited<ReturnType<typeof task>>>) : task();
};

export interface AuthOptions {
  baseUrl?: string;
  storage?: SessionStorage;
  fetch?: typeof fetch;
  now?: () => number;
  lock?: Lock;
}

interface TokenAnswer {
  access_token: string;
  refresh_token?: string | null;
  expires_in: number;
}

export class Auth {
  private readonly baseUrl: string;
  private readonly storage: SessionStorage;
  private readonly http: typeof fetch;
  private readonly now: () => number;
  private readonly lock: Lock;
  private current: Session | null;
  /** the login the server ended last (a refused refresh), until the next login */
  ended: EndedLogin | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private readonly listeners = new Set<(session: Session | null) => void>();

  constructor(options: AuthOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.storage = options.storage ?? browserStorage();
    this.http = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.now = options.now ?? Date.now;
    this.lock = options.lock ?? webLock;
    this.current = this.storage.load();
  }

  session(): Session | null {
    return this.current;
  }

  subscribe(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(session: Session | null): void {
    this.current = session;
    this.storage.save(session);
    for (const listener of this.listeners) listener(session);
  }

  private async token(form: Record<string, string>): Promise<TokenAnswer> {
    const response = await this.http(`${this.baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    if (!response.ok) {
      let detail = response.statusText;
      let type = 'about:blank';
      try {
        const body = (await response.json()) as { detail?: string; title?: string; type?: string };
        detail = body.detail || body.title || detail;
        type = body.type ?? type;
      } catch {
        // keep the status text
      }
      throw new LoginError(response.status, detail, type);
    }
    return (await response.json()) as TokenAnswer;
  }

  private async whoAmI(accessToken: string): Promise<Me> {
    const response = await this.http(`${this.baseUrl}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    if (!response.ok) throw new LoginError(response.status, response.statusText);
    return (await response.json()) as Me;
  }

  private sessionFrom(answer: TokenAnswer, me: Me, previous?: Session): Session {
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? previous?.refreshToken ?? null,
      expiresAt: this.now() + answer.expires_in * 1000,
      me,
    };
  }

  async login(username: string, password: string): Promise<Session> {
    const answer = await this.token({ grant_type: 'password', username, password });
    const session = this.sessionFrom(answer, await this.whoAmI(answer.access_token));
    this.ended = null;
    this.set(session);
    return session;
  }

  /** A fresh pair for the stored refresh token; null when the login is over (must log in again). */
  refresh(): Promise<Session | null> {
    this.refreshing ??= this.lock('fumin-refresh', () => this.refreshOnce()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<Session | null> {
    const before = this.current;
    const stored = this.storage.load();
    // Another tab refreshed while we waited for the lock: take its tokens, spend nothing.
    if (stored && before && stored.accessToken !== before.accessToken && !this.expiring(stored)) {
      this.current = stored;
      return stored;
    }
    const session = stored ?? before;
    if (!session?.refreshToken) {
      this.set(null);
      return null;
    }
    let answer: TokenAnswer;
    try {
      answer = await this.token({
        grant_type: 'refresh_token',
        refresh_token: session.refreshToken,
      });
    } catch (error) {
      // Refused: the login is over. No answer (offline): keep what we have and try later.
      if (error instanceof LoginError) {
        this.ended = {
          subject: session.me.subject,
          status: error.status,
          type: error.type,
          title: error.message,
        };
        this.set(null);
        return null;
      }
      return session;
    }
    const next = this.sessionFrom(answer, session.me, session);
    this.set(next);
    return next;
  }

  private expiring(session: Session): boolean {
    return session.expiresAt - this.now() < REFRESH_MARGIN_MS;
  }

  /** The access token to send, refreshed first when it is about to expire. */
  async accessToken(): Promise<string | null> {
    const session = this.current;
    if (!session) return null;
    if (this.expiring(session) && session.refreshToken) {
      return (await this.refresh())?.accessToken ?? null;
    }
    return session.accessToken;
  }

  /** Milliseconds until a refresh is due (for a timer), or null when logged out. */
  msUntilRefresh(): number | null {
    const session = this.current;
    return session ? Math.max(0, session.expiresAt - REFRESH_MARGIN_MS - this.now()) : null;
  }

  async logout(): Promise<void> {
    const session = this.current;
    this.set(null);
    if (session?.refreshToken) {
      try {
        await this.http(`${this.baseUrl}/api/v1/auth/logout`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${session.accessToken}`,
          },
          body: JSON.stringify({ refresh_token: session.refreshToken }),
        });
      } catch {
        // Offline: the refresh token simply runs out.
      }
    }
  }

  /**
   * fetch with the bearer token; on a 401 it refreshes once and tries again (the token may have
   * been revoked or expired while the phone slept). Throws only when there is no answer at all.
   */
  readonly fetch = async (input: Request): Promise<Response> => {
    const retry = input.clone();
    const token = await this.accessToken();
    if (token) input.headers.set('Authorization', `Bearer ${token}`);
    const response = await this.http(input);
    if (response.status !== 401 || !this.current?.refreshToken) return response;
    const renewed = await this.refresh();
    if (!renewed) return response;
    retry.headers.set('Authorization', `Bearer ${renewed.accessToken}`);
    return this.http(retry);
  };
}

/**
 * Refresh `auth` shortly before its access token expires, for as long as it is logged in. A refresh
 * that gets no answer (offline for days) is tried again after `retryMs`, never at once in a loop;
 * a new session (login, refresh) plans afresh. Answers the function that stops it.
 */
export function keepFresh(
  auth: Pick<Auth, 'msUntilRefresh' | 'refresh' | 'subscribe'>,
  retryMs: number,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const plan = (atLeast = 0) => {
    clearTimeout(timer);
    const wait = auth.msUntilRefresh();
    if (wait === null) return;
    timer = setTimeout(
      () => void auth.refresh().then(() => plan(retryMs)),
      Math.min(Math.max(wait, atLeast), 2 ** 31 - 1),
    );
  };
  const unsubscribe = auth.subscribe(() => plan());
  plan();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
