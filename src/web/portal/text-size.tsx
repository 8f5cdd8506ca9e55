import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/** 适老化: a larger-text mode the citizen switches on once; kept in localStorage so the next visit opens in it. */
export const LARGE_TEXT_KEY = 'anwen.portal.largeText';

interface TextSize {
  large: boolean;
  toggle: () => void;
}

const TextSizeContext = createContext<TextSize>({ large: false, toggle: () => undefined });

function stored(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false; // storage refused (private mode): the normal size
  }
}

export function TextSizeProvider({ children }: { children: ReactNode }) {
  const [large, setLarge] = useState(stored);
  useEffect(() => {
    document.documentElement.classList.toggle('portal-large', large);
    try {
      if (large) localStorage.setItem(LARGE_TEXT_KEY, '1');
      else localStorage.removeItem(LARGE_TEXT_KEY);
    } catch {
      // not kept, still applied to this visit
    }
  }, [large]);
  const toggle = useCallback(() => setLarge((l) => !l), []);
  return <TextSizeContext.Provider value={{ large, toggle }}>{children}</TextSizeContext.Provider>;
}

export function useTextSize(): TextSize {
  return useContext(TextSizeContext);
}
