import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { errorText, portalApi, type PortalMeta } from './api.ts';

interface MetaState {
  meta: PortalMeta | null;
  error: string | null;
  reload: () => void;
}

const MetaContext = createContext<MetaState>({ meta: null, error: null, reload: () => undefined });

/** GET /portal/meta once for the whole portal (county name, notice, matter types, limits). */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<PortalMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    portalApi.meta().then(setMeta, (e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  return <MetaContext.Provider value={{ meta, error, reload: load }}>{children}</MetaContext.Provider>;
}

export function useMeta(): MetaState {
  return useContext(MetaContext);
}
