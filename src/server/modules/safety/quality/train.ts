/**
 * Training of the two linear models by AdaGrad stochastic gradient descent (pure TypeScript, CPU only, no
 * downloads), and the arithmetic of their evaluation. Used by scripts/train-hazard-quality.ts; nothing here
 * runs when the platform serves requests.
 */
import type { SparseVector } from './features.ts';
import { scoreSoftmax, sigmoid } from './model.ts';

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same model. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export interface BinaryOptions {
  bits: number;
  epochs: number;
  rate: number;
  l2: number;
  positiveWeight: number;
  seed: number;
}

/** Logistic regression: y = 1 means unusable. */
export function trainBinary(xs: SparseVector[], ys: number[], o: BinaryOptions): Float32Array {
  const dim = 1 << o.bits;
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-6);
  const random = rng(o.seed);
  const order = xs.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const n of shuffle(order, random)) {
      const x = xs[n]!;
      let z = 0;
      for (let i = 0; i < x.indices.length; i++) z += w[x.indices[i]!]! * x.values[i]!;
      const y = ys[n]!;
      const err = (sigmoid(z) - y) * (y === 1 ? o.positiveWeight : 1);
      for (let i = 0; i < x.indices.length; i++) {
        const j = x.indices[i]!;
        const g = err * x.values[i]! + o.l2 * w[j]!;
        g2[j]! += g * g;
        w[j]! -= (o.rate * g) / Math.sqrt(g2[j]!);
      }
    }
  }
  return w;
}

export interface SoftmaxOptions {
  bits: number;
  classes: number;
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
}

/** Softmax regression, weights feature-major (w[index * K + k]). */
export function trainSoftmax(xs: SparseVector[], ys: number[], o: SoftmaxOptions): Float32Array {
  const K = o.classes;
  const w = new Float32Array((1 << o.bits) * K);
  const g2 = new Float32Array(w.length).fill(1e-6);
  const random = rng(o.seed);
  const order = xs.map((_, i) => i);
  const p = new Float64Array(K);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const n of shuffle(order, random)) {
      const x = xs[n]!;
      scoreSoftmax(w, K, x, p);
      const y = ys[n]!;
      for (let i = 0; i < x.indices.length; i++) {
        const base = x.indices[i]! * K;
        const v = x.values[i]!;
        for (let k = 0; k < K; k++) {
          const j = base + k;
          const g = (p[k]! - (k === y ? 1 : 0)) * v + o.l2 * w[j]!;
          if (g === 0) continue;
          g2[j]! += g * g;
          w[j]! -= (o.rate * g) / Math.sqrt(g2[j]!);
        }
      }
    }
  }
  return w;
}

export interface BinaryFigures {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of "unusable" (label 1) at a threshold. */
export function binaryFigures(scores: number[], labels: number[], threshold: number): BinaryFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, tp, fp, fn, tn, precision, recall, f1 };
}

/** The threshold with the best F1 over the given scores (searched on a grid of 0.01). */
export function bestThreshold(scores: number[], labels: number[]): BinaryFigures {
  let best = binaryFigures(scores, labels, 0.5);
  for (let t = 0.05; t < 0.96; t += 0.01) {
    const f = binaryFigures(scores, labels, Math.round(t * 100) / 100);
    if (f.f1 > best.f1) best = f;
  }
  return best;
}

/** Assigns each group (e.g. one normalised text) to one of k folds, so duplicates never straddle folds. */
export function groupFolds(groups: string[], k: number, seed: number): number[] {
  const distinct = shuffle([...new Set(groups)].sort(), rng(seed));
  const fold = new Map<string, number>();
  distinct.forEach((g, i) => fold.set(g, i % k));
  return groups.map((g) => fold.get(g)!);
}
