/**
 * Scores a CSV of hazard descriptions (the `anwen hazards score-quality` command): a verdict per row and, where
 * the file says what the answer should be, the figures — precision / recall / F1 of "unusable" against a
 * `label` column (1 = unusable), top-1 / top-3 category accuracy against a `level_2` column.
 */
import { parseCsv, categoryName } from './csv.ts';
import { assessHazardText, knownHazardCategoryNames, type HazardTextAssessment } from './assess.ts';

export interface ScoredRow {
  /** Line of the file (the header is line 1). */
  line: number;
  description: string;
  assessment: HazardTextAssessment;
  label: 0 | 1 | null;
  expectedCategory: string | null;
}

export interface QualityFigures {
  rows: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface CategoryFigures {
  /** Rows with a usable description whose level_2 is a category the model knows. */
  rows: number;
  top1: number;
  top3: number;
}

export interface ScoredFile {
  rows: ScoredRow[];
  quality: QualityFigures | null;
  category: CategoryFigures | null;
}

const DESCRIPTION_COLUMNS = ['content', 'description', '隐患描述'];
const ITEM_COLUMNS = ['level_4', 'checklist_item', '检查项'];

export class ScoreFileError extends Error {}

export function scoreHazardCsv(text: string): ScoredFile {
  const { header, rows } = parseCsv(text);
  const descriptionColumn = DESCRIPTION_COLUMNS.find((c) => header.includes(c));
  if (!descriptionColumn) throw new ScoreFileError(`文件缺少隐患描述列（应有表头 ${DESCRIPTION_COLUMNS.join(' 或 ')}）`);
  const itemColumn = ITEM_COLUMNS.find((c) => header.includes(c));
  const hasLabel = header.includes('label');
  const hasCategory = header.includes('level_2');
  const known = new Set(knownHazardCategoryNames());

  const scored: ScoredRow[] = rows.map((r, i) => {
    const description = r[descriptionColumn] ?? '';
    const label = hasLabel ? (r.label?.trim() === '1' ? 1 : r.label?.trim() === '0' ? 0 : null) : null;
    const expected = hasCategory && r.level_2 ? categoryName(r.level_2) : null;
    return {
      line: i + 2,
      description,
      assessment: assessHazardText({ description, checklistItem: itemColumn ? r[itemColumn] : undefined }),
      label,
      expectedCategory: expected && known.has(expected) ? expected : null,
    };
  });

  let quality: QualityFigures | null = null;
  const labelled = scored.filter((r) => r.label !== null);
  if (hasLabel && labelled.length) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (const r of labelled) {
      const predicted = !r.assessment.usable;
      if (predicted && r.label === 1) tp++;
      else if (predicted) fp++;
      else if (r.label === 1) fn++;
      else tn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    quality = { rows: labelled.length, tp, fp, fn, tn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  }

  let category: CategoryFigures | null = null;
  const withCategory = scored.filter((r) => r.expectedCategory !== null && r.label !== 1 && r.assessment.categories.length > 0);
  if (withCategory.length) {
    const names = (r: ScoredRow) => r.assessment.categories.map((c) => c.name);
    category = {
      rows: withCategory.length,
      top1: withCategory.filter((r) => names(r)[0] === r.expectedCategory).length / withCategory.length,
      top3: withCategory.filter((r) => names(r).includes(r.expectedCategory!)).length / withCategory.length,
    };
  }
  return { rows: scored, quality, category };
}
