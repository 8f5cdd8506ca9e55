import pg from 'pg';

/**
 * The measure every ledger benchmark takes: an API call timed over HTTP against the very statements it ran, replayed in
 * raw SQL (statements that ran concurrently are replayed concurrently), with their plans. `measureApiVsSql` wraps
 * pg.Client's query once to see those statements; call it once per benchmark process.
 */
export function measureApiVsSql(opts: { calls: number; target: { ratio: number; ms: number }; tables: RegExp }) {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  type Captured = { text: string; values: unknown[]; at: number; ms: number };
  let capture: Captured[] | null = null;
  const origQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    const sink = capture;
    if (sink && typeof args[0] === 'string' && Array.isArray(args[1])) {
      const entry: Captured = { text: args[0], values: args[1] as unknown[], at: performance.now(), ms: 0 };
      sink.push(entry);
      const res = origQuery.apply(this, args);
      if (res && typeof (res as Promise<unknown>).then === 'function')
        void (res as Promise<unknown>).then(() => (entry.ms = performance.now() - entry.at)).catch(() => undefined);
      return res;
    }
    return origQuery.apply(this, args);
  };

  const stat = (times: number[]) => {
    const t = [...times].sort((a, b) => a - b);
    return { calls: t.length, p50Ms: r1(t[Math.floor(t.length / 2)]!), p95Ms: r1(t[Math.ceil(t.length * 0.95) - 1]!), maxMs: r1(t[t.length - 1]!) };
  };

  async function apiTimes(url: string, headers: Record<string, string>) {
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < opts.calls + 2; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers });
      body = await res.text();
      if (res.status !== 200) throw new Error(`${url} → ${res.status} ${body}`);
      if (i >= 2) times.push(performance.now() - t0);
    }
    const json = JSON.parse(body) as { rows?: unknown[]; items?: unknown[]; total?: unknown };
    return { ...stat(times), returned: { rows: json.rows?.length, items: json.items?.length, total: typeof json.total === 'number' ? json.total : undefined } };
  }

  /** The statements of one API call, grouped into waves: those started before the previous one answered ran concurrently. */
  async function captureOnce(url: string, headers: Record<string, string>): Promise<Captured[][]> {
    capture = [];
    const res = await fetch(url, { headers });
    await res.text();
    const got = capture;
    capture = null;
    const own = got.filter((q) => !/\bsessions\b/.test(q.text)); // the session lookup is the login's, not the view's
    const waves: Captured[][] = [];
    for (const q of own) {
      const last = waves[waves.length - 1];
      if (last && q.at < Math.min(...last.map((x) => x.at + x.ms))) last.push(q);
      else waves.push([q]);
    }
    return waves;
  }

  async function rawTimes(pool: pg.Pool, waves: Captured[][]) {
    const times: number[] = [];
    for (let i = 0; i < opts.calls + 2; i++) {
      const t0 = performance.now();
      for (const wave of waves) await Promise.all(wave.map((q) => pool.query(q.text, q.values)));
      if (i >= 2) times.push(performance.now() - t0);
    }
    return stat(times);
  }

  async function explain(pool: pg.Pool, waves: Captured[][]): Promise<string> {
    const out: string[] = [];
    for (const q of waves.flat()) {
      if (!/^\s*(select|with)/i.test(q.text) || !opts.tables.test(q.text)) continue;
      const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
      out.push(`-- ${q.text.replace(/\s+/g, ' ').slice(0, 160)}…\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
    }
    return out.join('\n\n');
  }

  async function compare(label: string, pool: pg.Pool, url: string, headers: Record<string, string>, explainOut: string[]) {
    const waves = await captureOnce(url, headers);
    const api = await apiTimes(url, headers);
    const raw = await rawTimes(pool, waves);
    explainOut.push(`=== ${label}: ${url.replace(/^https?:\/\/[^/]+/, '')}\n${await explain(pool, waves)}`);
    const ratio = Math.round((api.p50Ms / raw.p50Ms) * 100) / 100;
    const pass = ratio <= opts.target.ratio && api.p50Ms < opts.target.ms;
    console.log(`  ${label}: API p50 ${api.p50Ms} / p95 ${api.p95Ms} ms；裸 SQL p50 ${raw.p50Ms} / p95 ${raw.p95Ms} ms；比值 ${ratio}${pass ? '  ✔' : '  ✘'}`);
    return { path: url.replace(/^https?:\/\/[^/]+/, ''), statements: waves.flat().length, waves: waves.length, api, raw, ratio, pass };
  }

  return { compare, apiTimes, stat };
}
