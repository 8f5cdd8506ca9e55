/**
 * A list's state (filters, sort, page, page size) as URL search params, so a filtered list is a
 * link and the browser's back/forward steps through filter changes. Pure: unit-tested apart from React.
 */
export interface ListState<K extends string> {
  filters: Partial<Record<K, string>>;
  sort: string | undefined;
  page: number;
  pageSize: number;
}

export interface ListStateSpec<K extends string> {
  /** the filter keys this list reads from the URL */
  keys: readonly K[];
  /** a filter's value when the URL has none (e.g. tab 'mine'); not written to the URL */
  defaults?: Partial<Record<K, string>>;
  defaultSort?: string;
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
const PAGE = 'page';
const SIZE = 'size';
const SORT = 'sort';

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readListState<K extends string>(params: URLSearchParams, spec: ListStateSpec<K>): ListState<K> {
  const filters: Partial<Record<K, string>> = {};
  for (const key of spec.keys) {
    const value = params.get(key) ?? spec.defaults?.[key];
    if (value !== undefined && value !== '') filters[key] = value;
  }
  return {
    filters,
    sort: params.get(SORT) ?? spec.defaultSort,
    page: positiveInt(params.get(PAGE), 1),
    pageSize: positiveInt(params.get(SIZE), spec.pageSize ?? DEFAULT_PAGE_SIZE),
  };
}

/** The URL params of a state: defaults and page 1 are left out so the plain list keeps a plain URL. Params of other owners are kept. */
export function writeListState<K extends string>(current: URLSearchParams, spec: ListStateSpec<K>, state: ListState<K>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of spec.keys) {
    const value = state.filters[key];
    if (value === undefined || value === '' || value === spec.defaults?.[key]) next.delete(key);
    else next.set(key, value);
  }
  if (!state.sort || state.sort === spec.defaultSort) next.delete(SORT);
  else next.set(SORT, state.sort);
  if (state.page > 1) next.set(PAGE, String(state.page));
  else next.delete(PAGE);
  if (state.pageSize !== (spec.pageSize ?? DEFAULT_PAGE_SIZE)) next.set(SIZE, String(state.pageSize));
  else next.delete(SIZE);
  return next;
}

/** A filter change starts again at page 1 (the old page may not exist under the new filter). */
export function withFilters<K extends string>(state: ListState<K>, patch: Partial<Record<K, string | undefined>>): ListState<K> {
  const filters = { ...state.filters };
  for (const [k, v] of Object.entries(patch) as [K, string | undefined][]) {
    if (v === undefined || v === '') delete filters[k];
    else filters[k] = v;
  }
  return { ...state, filters, page: 1 };
}

/** Same filters, sort and paging (filter order does not matter). */
export function sameListState<K extends string>(a: ListState<K>, b: ListState<K>): boolean {
  const keys = new Set([...Object.keys(a.filters), ...Object.keys(b.filters)]) as Set<K>;
  for (const k of keys) if (a.filters[k] !== b.filters[k]) return false;
  return a.sort === b.sort && a.page === b.page && a.pageSize === b.pageSize;
}

/**
 * The query a list is saved under (常用筛选): its filters and sort, never the page or page size (a saved filter
 * opens at page 1 in the size in use), nor params of other owners.
 */
export function savedQueryOf<K extends string>(spec: ListStateSpec<K>, state: ListState<K>): string {
  return writeListState(new URLSearchParams(), spec, { ...state, page: 1, pageSize: spec.pageSize ?? DEFAULT_PAGE_SIZE }).toString();
}

/** The state a saved query opens: its filters and sort on page 1, keeping the page size in use. */
export function stateOfSavedQuery<K extends string>(spec: ListStateSpec<K>, query: string, pageSize: number): ListState<K> {
  return { ...readListState(new URLSearchParams(query), spec), page: 1, pageSize };
}
