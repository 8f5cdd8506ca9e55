import pg from 'pg';

const INT8 = 20;
const DATE = 1082;
const INT8_ARRAY = 1016;
const INT4_ARRAY = 1007;

/**
 * Global node-postgres type parsers, set once for both back ends (never per query: PGlite's
 * socket shim mishandles per-query `types`). Ids are bigint in SQL and number in JS (safe
 * below 2^53); legal dates stay 'YYYY-MM-DD' strings so no time zone can shift them.
 */
export function installTypeParsers(): void {
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  pg.types.setTypeParser(DATE, (v: string) => v);
  const parseIntArray = pg.types.getTypeParser(INT4_ARRAY as never) as (v: string) => number[];
  pg.types.setTypeParser(INT8_ARRAY as never, (v: string) => parseIntArray(v).map(Number));
}
