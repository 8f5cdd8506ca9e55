import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAsync, type AsyncState } from '../../hooks/useAsync.ts';
import { readListState, withFilters, writeListState, type ListState, type ListStateSpec } from './listState.ts';

export interface ListQuery<K extends string, R> extends ListState<K>, AsyncState<R> {
  /** set some filters (undefined or '' clears one); goes back to page 1 and adds a history entry */
  setFilters: (patch: Partial<Record<K, string | undefined>>) => void;
  setSort: (sort: string | undefined) => void;
  setPage: (page: number, pageSize?: number) => void;
}

/**
 * A list's filters, sort and paging kept in the URL, and its rows loaded for them. `load` receives
 * the state read from the URL and calls the list's API route.
 */
export function useListQuery<K extends string, R>(spec: ListStateSpec<K>, load: (state: ListState<K>) => Promise<R>): ListQuery<K, R> {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // the spec is written inline by pages: read it by value
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useMemo(() => readListState(params, spec), [key, JSON.stringify(spec)]);
  const loaded = useAsync(() => load(state), [JSON.stringify(state)]);
  const go = useCallback((next: ListState<K>) => setParams((current) => writeListState(current, spec, next)), [setParams, spec]);
  return {
    ...state,
    ...loaded,
    setFilters: (patch) => go(withFilters(state, patch)),
    setSort: (sort) => go({ ...state, sort, page: 1 }),
    setPage: (page, pageSize) => go({ ...state, page: pageSize && pageSize !== state.pageSize ? 1 : page, pageSize: pageSize ?? state.pageSize }),
  };
}
