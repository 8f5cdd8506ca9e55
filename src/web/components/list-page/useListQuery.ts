import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAsync, type AsyncState } from '../../hooks/useAsync.ts';
import { readListState, sameListState, savedQueryOf, stateOfSavedQuery, withFilters, writeListState, type ListState, type ListStateSpec } from './listState.ts';

export interface ListQuery<K extends string, R> extends ListState<K>, AsyncState<R> {
  /** set some filters (undefined or '' clears one); goes back to page 1 and adds a history entry */
  setFilters: (patch: Partial<Record<K, string | undefined>>) => void;
  setSort: (sort: string | undefined) => void;
  setPage: (page: number, pageSize?: number) => void;
  /** the current filters and sort as a query string (what 常用筛选 saves) */
  savedQuery: string;
  /** open a saved query: its filters and sort replace the current ones */
  applySavedQuery: (query: string) => void;
}

/**
 * A list's filters, sort and paging kept in the URL, and its rows loaded for them. `load` receives
 * the list's state and calls the list's API route.
 *
 * A change shows at once (React state) and is written to the URL (React Router applies navigations as
 * a transition, later); a URL changed from outside (back/forward, a link) is adopted when it arrives.
 * Changes build on the latest state, so two quick ones (a tab, then a filter) both count.
 */
export function useListQuery<K extends string, R>(spec: ListStateSpec<K>, load: (state: ListState<K>) => Promise<R>): ListQuery<K, R> {
  const [params, setParams] = useSearchParams();
  const specRef = useRef(spec);
  specRef.current = spec;
  const [state, setState] = useState(() => readListState(params, spec));
  const latest = useRef(state);
  const urlKey = params.toString();

  useEffect(() => {
    const fromUrl = readListState(params, specRef.current);
    if (!sameListState(fromUrl, latest.current)) {
      latest.current = fromUrl;
      setState(fromUrl);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlKey]);

  const loaded = useAsync(() => load(state), [JSON.stringify(state)]);
  const actions = useMemo(() => {
    const go = (change: (s: ListState<K>) => ListState<K>) => {
      const next = change(latest.current);
      latest.current = next;
      setState(next);
      setParams((current) => writeListState(current, specRef.current, next));
    };
    return {
      setFilters: (patch: Partial<Record<K, string | undefined>>) => go((s) => withFilters(s, patch)),
      setSort: (sort: string | undefined) => go((s) => ({ ...s, sort: sort ?? specRef.current.defaultSort, page: 1 })),
      setPage: (page: number, pageSize?: number) =>
        go((s) => ({ ...s, page: pageSize && pageSize !== s.pageSize ? 1 : page, pageSize: pageSize ?? s.pageSize })),
      applySavedQuery: (query: string) => go((s) => stateOfSavedQuery(specRef.current, query, s.pageSize)),
    };
  }, [setParams]);
  return { ...state, ...loaded, ...actions, savedQuery: savedQueryOf(spec, state) };
}
