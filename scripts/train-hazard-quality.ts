/**
 * Trains the hazard-description quality gate and category suggestion (issue 14) from the public SODIC 2021
 * data in ../shared/data/sodic2021_hazard (never copied into the repository), measures both by 5-fold
 * cross-validation grouped by normalised text (a text repeated in the data never sits in two folds), then
 * trains on everything and writes
 *   src/server/modules/safety/quality/hazard-quality-model.json   (int8 weights, deflated)
 *   src/server/modules/safety/quality/model-card.md               (data, method, figures)
 * Run: npx tsx scripts/train-hazard-quality.ts [--no-write]
 * CPU only, pure TypeScript, deterministic (fixed seeds); about a minute on one core.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import {
  buildChecklistIndex,
  categoryFeatures,
  coreChars,
  normalizeText,
  qualityFeatures,
  ruleSaysUnusable,
  textSignals,
  type SparseVector,
} from '../src/server/modules/safety/quality/features.ts';
import { HAZARD_DATA_MISSING, hazardDataDir, readHazardCsv, type HazardRow } from '../src/server/modules/safety/quality/data.ts';
import { categoryName } from '../src/server/modules/safety/quality/csv.ts';
import {
  encodeChecklist,
  encodeWeights,
  MODEL_FORMAT,
  roundTrip,
  scoreBinary,
  scoreSoftmax,
  type CategoryClass,
  type StoredModel,
} from '../src/server/modules/safety/quality/model.ts';
import {
  bestThreshold,
  binaryFigures,
  groupFolds,
  trainBinary,
  trainSoftmax,
  type BinaryOptions,
  type SoftmaxOptions,
} from '../src/server/modules/safety/quality/train.ts';

const OUT_DIR = path.resolve(import.meta.dirname, '../src/server/modules/safety/quality');
const FOLDS = 5;
const SEED = 20260101;
const MIN_CLASS_ROWS = 30;
const write = !process.argv.includes('--no-write');
const skipCv = process.argv.includes('--skip-cv');

const QUALITY: BinaryOptions = {
  bits: Number(process.env.Q_BITS ?? 18),
  epochs: Number(process.env.Q_EPOCHS ?? 15),
  rate: Number(process.env.Q_RATE ?? 0.02),
  l2: Number(process.env.Q_L2 ?? 1e-5),
  positiveWeight: Number(process.env.Q_POS ?? 2),
  seed: SEED,
};
const CATEGORY: Omit<SoftmaxOptions, 'classes'> = {
  bits: Number(process.env.C_BITS ?? 16),
  epochs: Number(process.env.C_EPOCHS ?? 6),
  rate: Number(process.env.C_RATE ?? 0.05),
  l2: Number(process.env.C_L2 ?? 1e-6),
  seed: SEED,
};

const dir = hazardDataDir();
if (!dir) {
  console.log(HAZARD_DATA_MISSING);
  process.exit(0);
}
const labeled = readHazardCsv(path.join(dir, 'train_labeled_shared.csv'));
const unlabeled = readHazardCsv(path.join(dir, 'unlabeled_18000.csv'));
const group = (text: string) => coreChars(normalizeText(text));
const pct = (x: number) => Math.round(x * 1000) / 10;
const t0 = performance.now();

// The checklist's wording (levels 3 and 4 of every row) as hashed trigrams: a fixed taxonomy known in advance,
// not a label, so every fold may use all of it.
const CHECKLIST_BITS = 17;
const checklist = buildChecklistIndex(new Set([...labeled, ...unlabeled].flatMap((r) => [r.level3, r.level4])), CHECKLIST_BITS);

// ── Quality gate ───────────────────────────────────────────────────────────────────────────────────
const qRows = labeled.filter((r) => r.label !== null) as (HazardRow & { label: 0 | 1 })[];
const qX = qRows.map((r) => qualityFeatures(r.content, r.level4, QUALITY.bits, checklist));
const qXNoItem = qRows.map((r) => qualityFeatures(r.content, undefined, QUALITY.bits, checklist));
const qY = qRows.map((r) => r.label);
// The plain cases the gate decides without the model (blank, one empty word, the item typed back): scored 1 here
// exactly as assessHazardText() refuses them.
const qRule = qRows.map((r) => ruleSaysUnusable(textSignals(r.content, r.level4)));
const qRuleNoItem = qRows.map((r) => ruleSaysUnusable(textSignals(r.content)));
const qFold = groupFolds(
  qRows.map((r) => group(r.content)),
  FOLDS,
  SEED,
);

interface QualityCv {
  rows: number;
  positives: number;
  distinctTexts: number;
  threshold: number;
  pooled: ReturnType<typeof binaryFigures>;
  atHalf: ReturnType<typeof binaryFigures>;
  perFold: { precision: number; recall: number; f1: number }[];
  withoutChecklistItem: ReturnType<typeof binaryFigures>;
  nestedThreshold: { precision: number; recall: number; f1: number };
}

/**
 * Every labelled row is learnt twice: with its checklist item and without (the entry form does not always know
 * the item), so the model learns to spot checklist wording from the guide's trigrams alone too.
 */
function trainQuality(indices: number[]): Float32Array {
  return trainBinary(
    [...indices.map((i) => qX[i]!), ...indices.map((i) => qXNoItem[i]!)],
    [...indices.map((i) => qY[i]!), ...indices.map((i) => qY[i]!)],
    QUALITY,
  );
}

function crossValidateQuality(): QualityCv {
  const oof = new Array<number>(qRows.length).fill(0);
  const oofNoItem = new Array<number>(qRows.length).fill(0);
  const nested: number[] = new Array<number>(qRows.length).fill(0);
  for (let f = 0; f < FOLDS; f++) {
    const train = qRows.map((_, i) => i).filter((i) => qFold[i] !== f);
    const w = roundTrip(trainQuality(train));
    // Nested threshold: chosen on the training folds' own scores by an inner split, never on the held-out fold.
    const inner = train.filter((i) => qFold[i] !== (f + 1) % FOLDS);
    const innerHeld = train.filter((i) => qFold[i] === (f + 1) % FOLDS);
    const wInner = trainQuality(inner);
    const innerBest = bestThreshold(
      innerHeld.map((i) => (qRule[i] ? 1 : scoreBinary(wInner, qX[i]!))),
      innerHeld.map((i) => qY[i]!),
    );
    for (let i = 0; i < qRows.length; i++) {
      if (qFold[i] !== f) continue;
      oof[i] = qRule[i] ? 1 : scoreBinary(w, qX[i]!);
      oofNoItem[i] = qRuleNoItem[i] ? 1 : scoreBinary(w, qXNoItem[i]!);
      nested[i] = oof[i]! >= innerBest.threshold ? 1 : 0;
    }
    console.log(`  质量 第 ${f + 1} 折：内层阈值 ${innerBest.threshold}`);
  }
  const pooled = bestThreshold(oof, qY);
  const perFold = Array.from({ length: FOLDS }, (_, f) => {
    const idx = qRows.map((_, i) => i).filter((i) => qFold[i] === f);
    const fig = binaryFigures(
      idx.map((i) => oof[i]!),
      idx.map((i) => qY[i]!),
      pooled.threshold,
    );
    return { precision: fig.precision, recall: fig.recall, f1: fig.f1 };
  });
  const n = binaryFigures(nested, qY, 0.5);
  return {
    rows: qRows.length,
    positives: qY.filter((y) => y === 1).length,
    distinctTexts: new Set(qRows.map((r) => group(r.content))).size,
    threshold: pooled.threshold,
    pooled,
    atHalf: binaryFigures(oof, qY, 0.5),
    perFold,
    withoutChecklistItem: binaryFigures(oofNoItem, qY, pooled.threshold),
    nestedThreshold: { precision: n.precision, recall: n.recall, f1: n.f1 },
  };
}

// ── Category suggestion ───────────────────────────────────────────────────────────────────────────
// Usable labelled rows and all unlabelled rows; the class is the level-2 heading without its numbering.
const cPool = [...labeled.filter((r) => r.label === 0).map((r) => ({ ...r, labeled: true })), ...unlabeled.map((r) => ({ ...r, labeled: false }))].filter(
  (r) => group(r.content) !== '' && categoryName(r.level2) !== '',
);
const nameCounts = new Map<string, number>();
for (const r of cPool) nameCounts.set(categoryName(r.level2), (nameCounts.get(categoryName(r.level2)) ?? 0) + 1);
const classNames = [...nameCounts.entries()]
  .filter(([, n]) => n >= MIN_CLASS_ROWS)
  .sort((a, b) => b[1] - a[1])
  .map(([name]) => name);
const classIndex = new Map(classNames.map((n, i) => [n, i]));
const classes: CategoryClass[] = classNames.map((name) => {
  const codes = new Map<string, number>();
  for (const r of cPool) if (categoryName(r.level2) === name) codes.set(r.level2.trim(), (codes.get(r.level2.trim()) ?? 0) + 1);
  const code = [...codes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return { code, name };
});
const cRows = cPool.filter((r) => classIndex.has(categoryName(r.level2)));
const cX: SparseVector[] = cRows.map((r) => categoryFeatures(r.content, CATEGORY.bits));
const cY = cRows.map((r) => classIndex.get(categoryName(r.level2))!);
const cFold = groupFolds(
  cRows.map((r) => group(r.content)),
  FOLDS,
  SEED + 1,
);

function crossValidateCategory() {
  const top1 = { all: 0, labeled: 0, distinct: 0 };
  const top3 = { all: 0, labeled: 0, distinct: 0 };
  const count = { all: 0, labeled: 0, distinct: 0 };
  const seen = new Set<string>();
  const confusions = new Map<string, number>();
  const perFold: { top1: number; top3: number }[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = cRows.map((_, i) => i).filter((i) => cFold[i] !== f);
    const w = roundTrip(
      trainSoftmax(
        train.map((i) => cX[i]!),
        train.map((i) => cY[i]!),
        { ...CATEGORY, classes: classes.length },
      ),
    );
    let f1 = 0;
    let f3 = 0;
    let fn = 0;
    for (let i = 0; i < cRows.length; i++) {
      if (cFold[i] !== f) continue;
      const p = scoreSoftmax(w, classes.length, cX[i]!);
      const ranked = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]!);
      const hit1 = ranked[0] === cY[i] ? 1 : 0;
      if (!hit1) {
        const pair = `${classes[cY[i]!]!.name} → ${classes[ranked[0]!]!.name}`;
        confusions.set(pair, (confusions.get(pair) ?? 0) + 1);
      }
      const hit3 = ranked.slice(0, 3).includes(cY[i]!) ? 1 : 0;
      top1.all += hit1;
      top3.all += hit3;
      count.all++;
      f1 += hit1;
      f3 += hit3;
      fn++;
      if (cRows[i]!.labeled) {
        top1.labeled += hit1;
        top3.labeled += hit3;
        count.labeled++;
      }
      const key = `${group(cRows[i]!.content)}|${cY[i]}`;
      if (!seen.has(key)) {
        seen.add(key);
        top1.distinct += hit1;
        top3.distinct += hit3;
        count.distinct++;
      }
    }
    perFold.push({ top1: f1 / fn, top3: f3 / fn });
    console.log(`  类别 第 ${f + 1} 折：top-1 ${pct(f1 / fn)} %，top-3 ${pct(f3 / fn)} %`);
  }
  const majority = Math.max(...classNames.map((_, k) => cY.filter((y) => y === k).length)) / cY.length;
  return {
    rows: cRows.length,
    labeledRows: count.labeled,
    distinctTexts: new Set(cRows.map((r) => group(r.content))).size,
    classes: classes.length,
    rowsLeftOut: cPool.length - cRows.length,
    majorityBaseline: majority,
    top1: { allHeldOut: top1.all / count.all, labeledUsable: top1.labeled / count.labeled, distinctTexts: top1.distinct / count.distinct },
    top3: { allHeldOut: top3.all / count.all, labeledUsable: top3.labeled / count.labeled, distinctTexts: top3.distinct / count.distinct },
    perFold,
    topOneErrors: count.all - top1.all,
    commonestConfusions: [...confusions.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([pair, rows]) => ({ pair, rows })),
  };
}

const quality = skipCv ? null : crossValidateQuality();
if (quality) {
  const q = quality.pooled;
  console.log(
    `质量闸门 5 折（按文本分组）：阈值 ${q.threshold}  P ${pct(q.precision)} %  R ${pct(q.recall)} %  F1 ${pct(q.f1)} %；嵌套阈值 F1 ${pct(quality.nestedThreshold.f1)} %；不给检查项 F1 ${pct(quality.withoutChecklistItem.f1)} %`,
  );
}
const category = skipCv ? null : crossValidateCategory();
if (category) {
  console.log(
    `类别建议 5 折：top-1 ${pct(category.top1.allHeldOut)} %  top-3 ${pct(category.top3.allHeldOut)} %（标注可用行 ${pct(category.top1.labeledUsable)} / ${pct(category.top3.labeledUsable)} %）`,
  );
}

// ── Final model on all data ───────────────────────────────────────────────────────────────────────
const threshold = quality?.threshold ?? Number(process.env.Q_THRESHOLD ?? 0.5);
const qw = encodeWeights(trainQuality(qRows.map((_, i) => i)));
const cw = encodeWeights(trainSoftmax(cX, cY, { ...CATEGORY, classes: classes.length }));
const trainingSeconds = Math.round((performance.now() - t0) / 100) / 10;
const evaluation = {
  folds: FOLDS,
  grouping: 'normalised text (NFKC, lower case, letters/digits/CJK only)',
  quality,
  category,
  options: { quality: QUALITY, category: CATEGORY, minClassRows: MIN_CLASS_ROWS },
  trainingSeconds,
};
const stored: StoredModel = {
  format: MODEL_FORMAT,
  trainedAt: new Date().toISOString().slice(0, 10),
  quality: { bits: QUALITY.bits, threshold, ...qw },
  checklist: encodeChecklist(checklist),
  category: { bits: CATEGORY.bits, classes, ...cw },
};

const modelFile = path.join(OUT_DIR, 'hazard-quality-model.json');
// Written as Prettier writes JSON, so `npm run format:check` leaves the files alone.
const asPrettier = async (file: string, data: unknown) => prettier.format(JSON.stringify(data), { ...(await prettier.resolveConfig(file)), filepath: file });
const json = await asPrettier(modelFile, stored);
console.log(`模型 ${Math.round(json.length / 1024)} KiB，用时 ${trainingSeconds} s`);
if (write) {
  fs.writeFileSync(modelFile, json);
  const evaluationFile = path.join(OUT_DIR, 'evaluation.json');
  fs.writeFileSync(evaluationFile, await asPrettier(evaluationFile, { ...evaluation, modelBytes: json.length }));
  console.log(`已写入 ${path.relative(process.cwd(), modelFile)} 和 evaluation.json`);
}

// ── The model card (figures from this run; latency from bench/results/hazard-quality.json when present) ─────
if (write && quality && category) fs.writeFileSync(path.join(OUT_DIR, 'model-card.md'), modelCard(quality, category, json.length));

function modelCard(q: QualityCv, c: ReturnType<typeof crossValidateCategory>, bytes: number): string {
  const p = (x: number) => `${(x * 100).toFixed(1)} %`;
  const benchFile = path.resolve(import.meta.dirname, '../bench/results/hazard-quality.json');
  const bench = fs.existsSync(benchFile)
    ? (JSON.parse(fs.readFileSync(benchFile, 'utf8')) as {
        machine: { node: string; measuredAt: string };
        descriptions: number;
        firstCallMs: number;
        loadAverage1m: number;
        withChecklistItem: { p50Ms: number; p99Ms: number; maxMs: number; cpuP50Ms: number; cpuP99Ms: number; callsPerSec: number };
        withoutChecklistItem: { cpuP50Ms: number; cpuP99Ms: number };
      })
    : null;
  const f1s = q.perFold.map((f) => f.f1);
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  const sd = Math.sqrt(f1s.reduce((a, b) => a + (b - mean) ** 2, 0) / f1s.length);
  return `# 隐患描述质量闸门与类别建议 — model card

Generated by \`npx tsx scripts/train-hazard-quality.ts\` on ${stored.trainedAt} (figures below are from that run; the
machine-readable copy is \`evaluation.json\`). Do not edit by hand: retrain instead.

## What it does
\`assessHazardText({ description, checklistItem? })\` (index.ts) refuses, at entry, a self-reported hazard whose
description says nothing — blank, "已整改", "无", "一般", the checklist item typed back — says in Chinese what is
missing, and suggests the hazard category (the self-inspection guide's level-2 heading) top 3.

## Data
Public SODIC 2021 competition data (Shenzhen enterprises' hazard self-reports), read from
\`../shared/data/sodic2021_hazard/\` and never copied into the repository:
- \`train_labeled_shared.csv\`: ${q.rows} rows, ${q.positives} labelled unusable (label = 1, ${p(q.positives / q.rows)}), ${q.distinctTexts} distinct texts.
- \`unlabeled_18000.csv\`: no quality label; used with the usable labelled rows for the category model, and its
  checklist text (levels 3–4) for the checklist-wording index.
- About 20 % of the labelled rows are held out by the data's publisher; these figures never saw them.

## Method (pure TypeScript, CPU only, no download, deterministic seeds)
- Text normalised (NFKC, lower case, item numbering dropped); character 1–3-grams of the letters/digits/CJK,
  hashed into 2^${QUALITY.bits} (quality) / 2^${CATEGORY.bits} (category) buckets (FNV-1a), weighted 1/√n.
- Hand features for the quality gate: length buckets; the whole text when ≤ 6 characters; one-word "empty"
  answers; defect, place and fix-only words; negation; overlap with the checklist item when the caller passes
  it (share of shared bigrams, longest shared run, what the description adds to the item and its n-grams);
  overlap with the whole guide's wording (a ${1 << (CHECKLIST_BITS - 3)}-byte bitset of hashed trigrams — no checklist text is stored).
- Rules before the model: blank, a one-word empty answer, or the item typed back with nothing added → unusable.
- Quality: logistic regression, AdaGrad SGD (${QUALITY.epochs} epochs, rate ${QUALITY.rate}, L2 ${QUALITY.l2}, positive weight ${QUALITY.positiveWeight});
  each row learnt with and without its checklist item. Threshold on P(unusable): ${q.threshold} (best F1 over the pooled out-of-fold scores).
- Category: softmax regression over ${c.classes} classes (level-2 headings without numbering with ≥ ${MIN_CLASS_ROWS} rows;
  ${c.rowsLeftOut} rows of rarer headings left out), AdaGrad SGD (${CATEGORY.epochs} epochs, rate ${CATEGORY.rate}).
- Weights quantised to int8 (one scale per model), deflated, base64: \`hazard-quality-model.json\`, ${Math.round(bytes / 1024)} KiB.
  The cross-validation scores the quantised weights, i.e. what ships.

## Figures: 5-fold cross-validation, folds grouped by normalised text
A text that occurs several times (e.g. "已整改") sits in one fold only, so no duplicate is both learnt and scored.

### Quality gate ("unusable" is the positive class)
| | precision | recall | F1 |
|---|---|---|---|
| pooled out-of-fold, threshold ${q.threshold}, with checklist item | ${p(q.pooled.precision)} | ${p(q.pooled.recall)} | **${p(q.pooled.f1)}** |
| threshold chosen inside each training split (nested, no peeking) | ${p(q.nestedThreshold.precision)} | ${p(q.nestedThreshold.recall)} | ${p(q.nestedThreshold.f1)} |
| threshold 0.5 | ${p(q.atHalf.precision)} | ${p(q.atHalf.recall)} | ${p(q.atHalf.f1)} |
| without the checklist item (same model and threshold) | ${p(q.withoutChecklistItem.precision)} | ${p(q.withoutChecklistItem.recall)} | ${p(q.withoutChecklistItem.f1)} |

Per fold F1: ${f1s.map(p).join(', ')} (mean ${p(mean)}, sd ${p(sd)}) — folds differ because the frequent empty answers
land in one fold each. Confusion (pooled): ${q.pooled.tp} refused correctly, ${q.pooled.fp} usable refused, ${q.pooled.fn} unusable let through, ${q.pooled.tn} usable accepted.
Reference: a public TF-IDF + gradient-boosting baseline on this task reaches F1 ≈ 83 %.
Part of the remaining error is label noise (e.g. the checklist item copied verbatim labelled usable, or
a concrete report of a damaged fire hose on a named floor labelled unusable).

### Category suggestion (${c.rows} rows: usable labelled + unlabelled, ${c.distinctTexts} distinct texts, ${c.classes} classes)
| held-out rows | top-1 | top-3 |
|---|---|---|
| all | **${p(c.top1.allHeldOut)}** | **${p(c.top3.allHeldOut)}** |
| labelled usable rows only (${c.labeledRows}) | ${p(c.top1.labeledUsable)} | ${p(c.top3.labeledUsable)} |
| each distinct text once | ${p(c.top1.distinctTexts)} | ${p(c.top3.distinctTexts)} |

Majority class alone: ${p(c.majorityBaseline)}. Commonest top-1 errors (true → suggested; ${c.topOneErrors} held-out rows wrong at top-1 in all):
${c.commonestConfusions.map((x) => `${x.pair} ${x.rows}`).join('; ')}. 消防安全 and 消防检查 are the same subject under two
checklists' headings; a blocked passage or a socket is often both a fire hazard and a workplace or electrical one.

## Speed
${
  bench
    ? `\`bench/hazard-quality.ts\` (${bench.machine.node}, ${bench.machine.measuredAt.slice(0, 10)}; ${bench.descriptions} descriptions × 3 passes):
per call **CPU time p50 ${bench.withChecklistItem.cpuP50Ms} ms, p99 ${bench.withChecklistItem.cpuP99Ms} ms** with the checklist item (p50 ${bench.withoutChecklistItem.cpuP50Ms} / p99 ${bench.withoutChecklistItem.cpuP99Ms} ms without);
wall clock p50 ${bench.withChecklistItem.p50Ms} ms, p99 ${bench.withChecklistItem.p99Ms} ms, max ${bench.withChecklistItem.maxMs} ms — measured on a shared 2-core machine at load
average ${bench.loadAverage1m}, where the wall-clock tail is time spent waiting for a core, not work. First call including loading the model: ${bench.firstCallMs} ms.`
    : 'Run `npx tsx bench/hazard-quality.ts`, then retrain to copy its figures here.'
}
Training: ${trainingSeconds} s for the cross-validation and the final models.

## Limits
- Trained on one city's 2021 reports against the 2016 Shenzhen guide; the county's own reports and checklist may
  word things differently — retrain when a labelled sample of them exists.
- The category model sees the description only; when the entry form knows the checklist item, its heading is
  the category and no suggestion is needed.
- Headings with fewer than ${MIN_CLASS_ROWS} rows are never suggested.
`;
}
