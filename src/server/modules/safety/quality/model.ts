/**
 * The stored model (hazard-quality-model.json) and its arithmetic: a logistic regression for "unusable" and
 * a softmax regression for the hazard category, both over hashed features (features.ts). Weights are int8
 * with one scale per model, deflated and base64-encoded, so the file stays small.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ChecklistIndex, SparseVector } from './features.ts';

export const MODEL_FORMAT = 'anwen-hazard-quality/1';

export interface CategoryClass {
  /** The checklist's level-2 heading as the guide numbers it, e.g. “（一）消防检查”. */
  code: string;
  /** The heading without its numbering, e.g. “消防检查”. */
  name: string;
}

export interface StoredModel {
  format: typeof MODEL_FORMAT;
  trainedAt: string;
  quality: { bits: number; threshold: number; scale: number; weights: string };
  /** Hashed trigrams of the checklist's wording (features.ts buildChecklistIndex), deflated, base64. */
  checklist: { bits: number; set: string };
  category: { bits: number; classes: CategoryClass[]; scale: number; weights: string };
}

/** A model ready to score: decoded weights. */
export interface LoadedModel {
  quality: { threshold: number; bits: number; weights: Float32Array };
  checklist: ChecklistIndex;
  category: { bits: number; classes: CategoryClass[]; weights: Float32Array };
}

/** float weights → int8 with one scale (the 99.99th percentile of |w| maps to 127; beyond it clips). */
export function quantize(weights: Float32Array): { scale: number; bytes: Int8Array } {
  const abs = Array.from(weights, Math.abs)
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
  const top = abs.length ? abs[Math.min(abs.length - 1, Math.floor(abs.length * 0.9999))]! : 1;
  const scale = top / 127 || 1;
  const bytes = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) bytes[i] = Math.max(-127, Math.min(127, Math.round(weights[i]! / scale)));
  return { scale, bytes };
}

export function dequantize(scale: number, bytes: Int8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! * scale;
  return out;
}

export function encodeWeights(weights: Float32Array): { scale: number; weights: string } {
  const { scale, bytes } = quantize(weights);
  return { scale, weights: deflateRawSync(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { level: 9 }).toString('base64') };
}

export function decodeWeights(scale: number, encoded: string): Float32Array {
  const raw = inflateRawSync(Buffer.from(encoded, 'base64'));
  return dequantize(scale, new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength));
}

export function encodeChecklist(index: ChecklistIndex): StoredModel['checklist'] {
  return { bits: index.bits, set: deflateRawSync(index.set, { level: 9 }).toString('base64') };
}

export function decodeChecklist(stored: StoredModel['checklist']): ChecklistIndex {
  return { bits: stored.bits, set: new Uint8Array(inflateRawSync(Buffer.from(stored.set, 'base64'))) };
}

/** Round-trips float weights through the stored int8 form (cross-validation scores what will ship). */
export function roundTrip(weights: Float32Array): Float32Array {
  const { scale, bytes } = quantize(weights);
  return dequantize(scale, bytes);
}

export function loadModel(stored: StoredModel): LoadedModel {
  if (stored.format !== MODEL_FORMAT) throw new Error(`隐患描述质量模型格式不符：${String(stored.format)}`);
  return {
    quality: { threshold: stored.quality.threshold, bits: stored.quality.bits, weights: decodeWeights(stored.quality.scale, stored.quality.weights) },
    checklist: decodeChecklist(stored.checklist),
    category: { bits: stored.category.bits, classes: stored.category.classes, weights: decodeWeights(stored.category.scale, stored.category.weights) },
  };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Probability that the description is unusable. */
export function scoreBinary(weights: Float32Array, x: SparseVector): number {
  let z = 0;
  for (let i = 0; i < x.indices.length; i++) z += weights[x.indices[i]!]! * x.values[i]!;
  return sigmoid(z);
}

/** Class probabilities of a softmax whose weights are laid out feature-major: w[index * K + k]. */
export function scoreSoftmax(weights: Float32Array, classes: number, x: SparseVector, out = new Float64Array(classes)): Float64Array {
  out.fill(0);
  for (let i = 0; i < x.indices.length; i++) {
    const base = x.indices[i]! * classes;
    const v = x.values[i]!;
    for (let k = 0; k < classes; k++) out[k]! += weights[base + k]! * v;
  }
  let max = -Infinity;
  for (let k = 0; k < classes; k++) if (out[k]! > max) max = out[k]!;
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    out[k] = Math.exp(out[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < classes; k++) out[k]! /= sum;
  return out;
}
