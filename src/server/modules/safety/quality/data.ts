/**
 * Where the public SODIC 2021 hazard data lives for training, benchmarks and tests: ../shared/data beside the
 * checkout (never inside the repository), or ANWEN_HAZARD_DATA. Absent → null, and the caller skips with a
 * message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from './csv.ts';

export interface HazardRow {
  level1: string;
  level2: string;
  level3: string;
  level4: string;
  content: string;
  /** 1 = unusable report, 0 = usable, null = not labelled. */
  label: 0 | 1 | null;
}

const ROOT = path.resolve(import.meta.dirname, '../../../../..');

export function hazardDataDir(): string | null {
  const dir = process.env.ANWEN_HAZARD_DATA ?? path.resolve(ROOT, '../shared/data/sodic2021_hazard');
  return fs.existsSync(path.join(dir, 'train_labeled_shared.csv')) ? dir : null;
}

export const HAZARD_DATA_MISSING = '未找到隐患数据（../shared/data/sodic2021_hazard/train_labeled_shared.csv，或以 ANWEN_HAZARD_DATA 指定目录），跳过。';

export function readHazardCsv(file: string): HazardRow[] {
  return parseCsv(fs.readFileSync(file, 'utf8')).rows.map((r) => ({
    level1: r.level_1 ?? '',
    level2: r.level_2 ?? '',
    level3: r.level_3 ?? '',
    level4: r.level_4 ?? '',
    content: r.content ?? '',
    label: r.label === '1' ? 1 : r.label === '0' ? 0 : null,
  }));
}
