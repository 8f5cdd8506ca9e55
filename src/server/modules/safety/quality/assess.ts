/**
 * The quality gate of a self-reported hazard (issue 14): at entry it refuses a description that says nothing
 * ("已整改", "无", "一般", blank, the checklist item typed back) and suggests the hazard category. A small
 * linear model trained by scripts/train-hazard-quality.ts on the public SODIC 2021 data (see model-card.md),
 * loaded once on first use; one call takes a few microseconds.
 */
import { readFileSync } from 'node:fs';
import { categoryFeatures, checklistShare, coreChars, normalizeText, qualityFeatures, ruleSaysUnusable, textSignals, type TextSignals } from './features.ts';
import { loadModel, scoreBinary, scoreSoftmax, type LoadedModel, type StoredModel } from './model.ts';

export interface HazardTextInput {
  /** The hazard as the enterprise typed it. */
  description: string;
  /** The checklist item being reported on, when the entry form knows it (level 4 of the self-inspection guide). */
  checklistItem?: string;
}

export interface HazardCategorySuggestion {
  /** The guide's level-2 heading, numbered as the guide numbers it, e.g. “（一）消防检查”. */
  code: string;
  /** The heading without its numbering, e.g. “消防检查”. */
  name: string;
  /** Probability (0–1). */
  score: number;
}

export interface HazardTextAssessment {
  /** false: the description is refused at entry. */
  usable: boolean;
  /**
   * How usable the description is: 1 − P(unusable), 0–1, higher is better. `usable` is true when P(unusable) is
   * below the gate's threshold (chosen by cross-validation, see model-card.md), i.e. score > 1 − threshold.
   */
  score: number;
  /** zh-CN: what the description lacks (empty when usable). */
  problems: string[];
  /** zh-CN: what a usable description contains, when refused. */
  message?: string;
  /** The three most likely hazard categories, best first. */
  categories: HazardCategorySuggestion[];
}

/** What a usable description contains: where, what is wrong, how serious — with an example. */
export const USABLE_DESCRIPTION_HINT =
  '请写清楚隐患本身：在哪里（楼层、车间、设备）、是什么问题（损坏、堵塞、过期、裸露等）、有多严重，例如“二楼配电箱门损坏、线路裸露，未设警示”。';

let model: LoadedModel | null = null;

function theModel(): LoadedModel {
  model ??= loadModel(JSON.parse(readFileSync(new URL('./hazard-quality-model.json', import.meta.url), 'utf8')) as StoredModel);
  return model;
}

/** `guide`: share of the description's wording found in the checklist (any item), 0–1. */
function problemsOf(s: TextSignals, guide: number): string[] {
  if (s.length === 0) return ['没有填写隐患描述'];
  const problems: string[] = [];
  if (s.emptyWord) problems.push('只写了“一般”“无”“已整改”之类的字眼，看不出发现了什么隐患');
  else if ((s.copied >= 0.8 && s.copiedRun >= 0.6 && !s.negated) || guide >= 0.9) problems.push('照抄了检查项的条文，没有写现场实际发现的问题');
  else if (s.onlyFix) problems.push('只写了整改情况，没有写发现的隐患本身');
  else problems.push('描述过于笼统，看不出隐患是什么');
  if (!s.hasPlace) problems.push('没有写明隐患所在的位置（楼层、车间、设备等）');
  if (!s.hasDefect) problems.push('没有写明具体是什么问题（损坏、堵塞、过期、裸露等）');
  return problems;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The category names the model can suggest (the guide's level-2 headings seen often enough in training). */
export function knownHazardCategoryNames(): string[] {
  return theModel().category.classes.map((c) => c.name);
}

/** Suggests the hazard category only (top `limit`), e.g. for a description already accepted. */
export function suggestHazardCategories(description: string, limit = 3): HazardCategorySuggestion[] {
  const m = theModel();
  const { classes, bits, weights } = m.category;
  const p = scoreSoftmax(weights, classes.length, categoryFeatures(description, bits));
  return Array.from(p.keys())
    .sort((a, b) => p[b]! - p[a]!)
    .slice(0, limit)
    .map((k) => ({ code: classes[k]!.code, name: classes[k]!.name, score: round3(p[k]!) }));
}

/** The quality verdict and category suggestion of one hazard description. */
export function assessHazardText(input: HazardTextInput): HazardTextAssessment {
  const m = theModel();
  const description = input.description ?? '';
  const item = input.checklistItem?.trim() ? input.checklistItem : undefined;
  const signals = textSignals(description, item);
  const pUnusable = ruleSaysUnusable(signals) ? 1 : scoreBinary(m.quality.weights, qualityFeatures(description, item, m.quality.bits, m.checklist));
  const usable = pUnusable < m.quality.threshold;
  // Nothing to classify in a blank or one-word report: no suggestion rather than a guess.
  const categories = signals.length === 0 || signals.emptyWord ? [] : suggestHazardCategories(description);
  if (usable) return { usable, score: round3(1 - pUnusable), problems: [], categories };
  return {
    usable,
    score: round3(1 - pUnusable),
    problems: problemsOf(signals, checklistShare(coreChars(normalizeText(description)), m.checklist)),
    message: USABLE_DESCRIPTION_HINT,
    categories,
  };
}
