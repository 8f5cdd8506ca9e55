import { describe, expect, it } from 'vitest';
import { readListState, sameListState, savedQueryOf, stateOfSavedQuery, withFilters, writeListState, type ListStateSpec } from './listState.ts';

const spec: ListStateSpec<'scope' | 'q' | 'warning'> = { keys: ['scope', 'q', 'warning'], defaults: { scope: 'mine' }, defaultSort: 'due' };

describe('list state in the URL', () => {
  it('reads filters, sort and paging from the search params, with defaults for what is absent', () => {
    expect(readListState(new URLSearchParams(''), spec)).toEqual({ filters: { scope: 'mine' }, sort: 'due', page: 1, pageSize: 20 });
    expect(readListState(new URLSearchParams('scope=unit&q=龙蚕&sort=created&page=3&size=50&other=1'), spec)).toEqual({
      filters: { scope: 'unit', q: '龙蚕' },
      sort: 'created',
      page: 3,
      pageSize: 50,
    });
    // a hand-edited URL never yields page 0 or a fractional size
    expect(readListState(new URLSearchParams('page=0&size=abc'), spec)).toMatchObject({ page: 1, pageSize: 20 });
  });

  it('writes only what differs from the defaults and keeps other params', () => {
    const base = readListState(new URLSearchParams('tab=x'), spec);
    expect(writeListState(new URLSearchParams('tab=x'), spec, base).toString()).toBe('tab=x');
    const next = writeListState(new URLSearchParams('tab=x'), spec, { filters: { scope: 'unit', warning: 'overdue' }, sort: 'created', page: 2, pageSize: 50 });
    expect(Object.fromEntries(next)).toEqual({ tab: 'x', scope: 'unit', warning: 'overdue', sort: 'created', page: '2', size: '50' });
  });

  it('round-trips: what is written reads back the same', () => {
    const state = { filters: { scope: 'unit', q: '编号 2026' }, sort: 'created', page: 4, pageSize: 100 };
    expect(readListState(writeListState(new URLSearchParams(), spec, state), spec)).toEqual(state);
  });

  it('goes back to page 1 when a filter changes, and clears a filter set to empty', () => {
    const state = { filters: { scope: 'unit', q: 'a' }, sort: undefined, page: 5, pageSize: 20 };
    expect(withFilters(state, { q: '', warning: 'severe' })).toEqual({ filters: { scope: 'unit', warning: 'severe' }, sort: undefined, page: 1, pageSize: 20 });
  });
});

describe('sameListState', () => {
  it('compares filters by value whatever their order, and sort and paging', () => {
    const a = { filters: { scope: 'unit', q: 'x' }, sort: 'due', page: 1, pageSize: 20 };
    expect(sameListState(a, { ...a, filters: { q: 'x', scope: 'unit' } })).toBe(true);
    expect(sameListState(a, { ...a, filters: { scope: 'unit' } })).toBe(false);
    expect(sameListState(a, { ...a, page: 2 })).toBe(false);
  });

  it('saves a list as its filters and sort only, and opens a saved one at page 1 replacing every filter', () => {
    const state = readListState(new URLSearchParams('scope=unit&q=龙蚕&sort=created&page=3&size=50&other=1'), spec);
    const query = savedQueryOf(spec, state);
    expect(new URLSearchParams(query).toString()).toBe(query);
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ scope: 'unit', q: '龙蚕', sort: 'created' });
    // opened later from a list filtered otherwise: the warning filter goes, the default scope comes back when absent
    expect(stateOfSavedQuery(spec, query, 20)).toEqual({ filters: { scope: 'unit', q: '龙蚕' }, sort: 'created', page: 1, pageSize: 20 });
    expect(stateOfSavedQuery(spec, 'warning=overdue', 50)).toEqual({ filters: { scope: 'mine', warning: 'overdue' }, sort: 'due', page: 1, pageSize: 50 });
  });
});
