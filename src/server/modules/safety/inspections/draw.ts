import { createHash } from 'node:crypto';

/**
 * 双随机 (国办发〔2015〕58号): targets drawn from the register and inspectors from a pool, both by one seeded PRNG, so
 * the draw is reproducible from what the plan records (seed, the candidates and the pool as they were, the ties):
 * the same inputs always give the same draw, on any machine. Pure: no database, no clock, no Math.random.
 */

/** sfc32 seeded from SHA-256 of the seed text: a small, well-mixed 32-bit generator; next() ∈ [0, 1). */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(`anwen.draw:${seed}`).digest();
  let a = h.readUInt32LE(0),
    b = h.readUInt32LE(4),
    c = h.readUInt32LE(8),
    d = h.readUInt32LE(12);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // discard the first outputs
  return next;
}

export interface DrawCandidate {
  enterpriseId: number;
  /** inspected already this calendar year (by any plan): drawn only after every one not yet inspected */
  inspectedThisYear: boolean;
}
export interface DrawInput {
  seed: string;
  candidates: DrawCandidate[];
  /** the inspector pool (user ids) */
  pool: number[];
  /** 回避: [inspector, enterprise] pairs that must never meet */
  ties: [number, number][];
  /** how many enterprises to draw */
  count: number;
  /** inspectors per enterprise (双人执法: 2) */
  perTarget: number;
}
export interface DrawnTarget {
  enterpriseId: number;
  inspectorIds: number[];
}
export type DrawResult = { ok: true; targets: DrawnTarget[] } | { ok: false; reason: 'too_few_candidates' | 'recusal'; enterpriseId?: number };

/**
 * The draw. Coverage over the year: enterprises not yet inspected this year come first, in random order, and
 * inspected ones fill the remaining places only when the first are exhausted — within each group every
 * enterprise is equally likely. Inspectors: for each drawn enterprise in drawn order, among the pool members
 * without a tie to it, the least loaded so far, ties between equally loaded broken at random; an enterprise
 * for which fewer than `perTarget` untied inspectors remain fails the draw (never a tied inspector).
 * Inputs are sorted first, so the order the caller passes them in does not change the draw.
 */
export function drawInspection(input: DrawInput): DrawResult {
  const rnd = seededRandom(input.seed);
  const candidates = [...new Map(input.candidates.map((c) => [c.enterpriseId, c])).values()].sort((x, y) => x.enterpriseId - y.enterpriseId);
  const pool = [...new Set(input.pool)].sort((x, y) => x - y);
  if (candidates.length < input.count || input.count < 1) return { ok: false, reason: 'too_few_candidates' };
  const keyed = candidates.map((c) => ({ c, key: rnd() }));
  keyed.sort((x, y) => Number(x.c.inspectedThisYear) - Number(y.c.inspectedThisYear) || x.key - y.key || x.c.enterpriseId - y.c.enterpriseId);
  const chosen = keyed.slice(0, input.count).map((k) => k.c.enterpriseId);

  const tied = new Set(input.ties.map(([u, e]) => `${u}:${e}`));
  const load = new Map(pool.map((u) => [u, 0]));
  const targets: DrawnTarget[] = [];
  for (const enterpriseId of chosen) {
    const eligible = pool.filter((u) => !tied.has(`${u}:${enterpriseId}`)).map((u) => ({ u, key: rnd() }));
    if (eligible.length < input.perTarget) return { ok: false, reason: 'recusal', enterpriseId };
    eligible.sort((x, y) => load.get(x.u)! - load.get(y.u)! || x.key - y.key || x.u - y.u);
    const inspectorIds = eligible.slice(0, input.perTarget).map((e) => e.u);
    for (const u of inspectorIds) load.set(u, load.get(u)! + 1);
    targets.push({ enterpriseId, inspectorIds: inspectorIds.sort((x, y) => x - y) });
  }
  return { ok: true, targets };
}
