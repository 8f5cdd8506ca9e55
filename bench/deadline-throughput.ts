/**
 * Deadline computations per second (target ≥ 1,000,000/s), on the seeded 2004–2026 calendar
 * held in memory exactly as the server holds it. Random start dates (2005–2026) and random
 * rules from the default rule set (calendar days, working days, months, hours), each call
 * producing the full result including the zh-CN explanation.
 * Run: npx tsx bench/deadline-throughput.ts   → bench/results/deadline-throughput.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeDeadline, type DeadlineInput } from '../src/server/core/clock/deadline-compute.ts';
import { DEFAULT_RULES } from '../src/server/core/clock/default-rules.ts';
import { formatIsoDay, daysFromCivil } from '../src/server/core/clock/day-math.ts';
import { seededWorkCalendar } from '../src/server/core/clock/test-calendar.ts';

const calendar = seededWorkCalendar();
const rules = DEFAULT_RULES.filter((r) => r.province === '');

// a deterministic pool of inputs (generation is outside the timed loop)
let seed = 20260805;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const first = daysFromCivil(2005, 1, 1);
const last = daysFromCivil(2026, 6, 30);
const POOL = 65_536;
const inputs: DeadlineInput[] = [];
for (let i = 0; i < POOL; i++) {
  const rule = rules[Math.floor(rand() * rules.length)]!;
  const day = first + Math.floor(rand() * (last - first));
  const start = rule.unit === 'hours' ? new Date(day * 86_400_000 + Math.floor(rand() * 86_400_000)) : formatIsoDay(day);
  inputs.push({ rule, start, ...(rand() < 0.1 ? { extensions: [{ amount: 5 }] } : {}) });
}

let sink = 0;
const run = (n: number) => {
  for (let i = 0; i < n; i++) {
    const r = computeDeadline(calendar, inputs[i & (POOL - 1)]!);
    sink += r.explanation.length;
  }
};

run(200_000); // warm-up (JIT)
const durationMs = 3_000;
let ops = 0;
const t0 = performance.now();
let elapsed = 0;
while ((elapsed = performance.now() - t0) < durationMs) {
  run(50_000);
  ops += 50_000;
}
const opsPerSec = Math.round(ops / (elapsed / 1000));
const result = {
  name: 'deadline-throughput',
  opsPerSec,
  target: 1_000_000,
  pass: opsPerSec >= 1_000_000,
  node: process.version,
  date: new Date().toISOString(),
  detail: { operations: ops, seconds: Number((elapsed / 1000).toFixed(2)), rules: rules.length, checksum: sink % 1000 },
};
const out = path.join(import.meta.dirname, 'results', 'deadline-throughput.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
