import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import type { MeResult, SessionUser } from '../api/types.ts';
import { SessionExpiredModal } from '../components/SessionExpiredModal.tsx';
import { forgetFieldUser } from './offlineFieldUser.ts';

export interface AuthState {
  /** undefined while the session is being probed; null when signed out */
  user: SessionUser | null | undefined;
  capabilities: string[];
  isAdmin: boolean;
  /** true after the user pressed 退出 (not after an expired session): the next sign-in starts at home */
  signedOut: boolean;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** after a password change (mustChangePassword clears) */
  refresh: () => Promise<void>;
  /** the last session check got no answer at all (no signal): null user means "unknown", not "signed out" */
  unreachable: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

/** GET /auth/me, or the login answer until the probe after it brings the capabilities. */
type SignedIn = Omit<MeResult, 'capabilities'> & Partial<Pick<MeResult, 'capabilities'>>;

function capabilityList(me: SignedIn | null): string[] {
  return me?.capabilities ?? [];
}

/**
 * Holds the signed-in user. A 401 while someone is signed in means the session ended on the server (expired,
 * signed out elsewhere): the page stays as it is — an open dialog keeps what was typed — and a sign-in dialog
 * asks for the password again; after it the user submits again. A 401 with nobody signed in goes to /login.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [me, setMe] = useState<SignedIn | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);
  const [expired, setExpired] = useState(false);
  const [unreachable, setUnreachable] = useState(false);
  const meRef = useRef(me);
  meRef.current = me;

  const probe = useCallback(async () => {
    try {
      const result = await authApi.me();
      setCsrfToken(result.csrfToken);
      setUnreachable(false);
      setMe(result);
    } catch (err) {
      if (err instanceof ApiError && err.status !== 401) console.warn('auth/me', err.message);
      setUnreachable(err instanceof ApiError && err.status === 0);
      setCsrfToken(null);
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void probe();
  }, [probe]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      if (meRef.current) {
        setExpired(true);
        return;
      }
      setMe(null);
      navigate('/login', { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await authApi.login(username, password);
      setCsrfToken(result.csrfToken);
      setSignedOut(false);
      setMe({ user: result.user, csrfToken: result.csrfToken });
      void probe(); // fetch capabilities too
      return result.user;
    },
    [probe],
  );

  const relogin = useCallback(
    async (username: string, password: string) => {
      const previous = meRef.current?.user.username;
      await login(username, password);
      setExpired(false);
      // someone else at this desk starts on their own first screen, not inside the previous user's page
      if (previous && previous !== username) navigate('/', { replace: true });
    },
    [login, navigate],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      // the next person to sign in at this desk starts on their own 我的待办, not on this page
      forgetFieldUser();
      setSignedOut(true);
      setCsrfToken(null);
      setMe(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const value = useMemo<AuthState>(() => {
    const user = me === undefined ? undefined : (me?.user ?? null);
    const capabilities = capabilityList(me ?? null);
    return {
      user,
      capabilities,
      isAdmin: !!user?.roles.includes('sys_admin'),
      signedOut,
      login,
      logout,
      refresh: probe,
      unreachable,
    };
  }, [me, signedOut, login, logout, probe, unreachable]);

  return (
    <AuthContext.Provider value={value}>
      {children}
      <SessionExpiredModal open={expired} username={me?.user.username ?? ''} onLogin={relogin} />
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
