import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, onUnauthenticated } from '../api/client';
import type { UserInfo } from '../api/types';

/**
 * Who is logged in, from GET /session/userinfo. A 401 from any call sends the user to the login
 * page with the page they were on, to come back to after logging in.
 */
interface Session {
  user: UserInfo | undefined;
  /** Asks the server again, after logging in. */
  reload(): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function loginPath(returnTo: string): string {
  return returnTo && returnTo !== '/' && !returnTo.startsWith('/login') ? `/login?return=${encodeURIComponent(returnTo)}` : '/login';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserInfo | undefined>(undefined);
  const navigate = useNavigate();
  const location = useLocation();

  const reload = useCallback(async () => {
    try {
      setUser(await api.userInfo());
    } catch {
      setUser({ loggedIn: false });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const here = location.pathname + location.search;
  useEffect(() => {
    onUnauthenticated(() => {
      setUser({ loggedIn: false });
      navigate(loginPath(here), { replace: true });
    });
    return () => onUnauthenticated(undefined);
  }, [navigate, here]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser({ loggedIn: false });
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const session = useMemo(() => ({ user, reload, logout }), [user, reload, logout]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** Its children for a logged-in user; the login page otherwise. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <div className="empty">Loading…</div>;
  if (!user.loggedIn) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return <>{children}</>;
}
