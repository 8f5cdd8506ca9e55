import { useRef } from 'react';

/**
 * The last non-null value: a closing Modal keeps showing what it showed (title, mode) during its
 * fade-out animation instead of flickering to the empty state.
 */
export function useLastDefined<T>(value: T | null | undefined): T | null {
  const last = useRef<T | null>(null);
  if (value !== null && value !== undefined) last.current = value;
  return last.current;
}
