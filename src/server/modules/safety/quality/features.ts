/**
 * Features of a hazard description for the quality gate and the category suggestion. The SAME code runs
 * when the model is trained (scripts/train-hazard-quality.ts) and when a description is assessed, so the
 * hashed feature indices always agree. No word segmenter: character n-grams (1–3) hashed into a fixed
 * space, plus a few hand features that name what an unusable report looks like (blank, one generic word,
 * "已整改" alone, the checklist item typed back).
 */

/** A sparse feature vector: hashed indices with their values (duplicates allowed, they add up). */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** Full-width → half-width (NFKC), lower case, whitespace collapsed, leading item numbering dropped. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．,，]\s*)+/, '')
    .trim();
}

/** Only the characters that carry meaning: letters, digits and CJK (punctuation and spaces removed). */
export function coreChars(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** 32-bit FNV-1a over UTF-16 code units: stable across runs, platforms and the training script. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  if (text.length === 1) out.add(text);
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

/** Length of the longest common substring of a and b (short texts: plain dynamic programming). */
function longestCommonSubstring(a: string, b: string): number {
  if (!a || !b) return 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1]! + 1 : 0;
      if (cur[j]! > best) best = cur[j]!;
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return best;
}

/** Words that say nothing on their own when they are the whole report. */
const EMPTY_WORDS = [
  '无',
  '没有',
  '暂无',
  '一般',
  '正常',
  '良好',
  '合格',
  '完好',
  '齐全',
  '已整改',
  '已经整改',
  '整改完毕',
  '整改',
  '已处理',
  '已完成',
  '完成',
  '好',
  '是',
  '否',
  '有',
  '有隐患',
  '符合',
  '符合要求',
  '不符合',
  '检查',
  '已检查',
  '未检查',
  '按要求',
  '同上',
  '见附件',
  'ok',
];

/** Words of a concrete defect (what is wrong). */
const DEFECT_WORDS = [
  '损坏',
  '破损',
  '堵塞',
  '占用',
  '堆放',
  '过期',
  '缺失',
  '缺少',
  '脱落',
  '裸露',
  '老化',
  '失效',
  '不亮',
  '不足',
  '不畅',
  '锁闭',
  '漏电',
  '私拉',
  '乱接',
  '未接地',
  '松动',
  '生锈',
  '渗漏',
  '泄漏',
  '遮挡',
  '变形',
  '超期',
  '未张贴',
  '未配备',
  '未设置',
  '未安装',
  '未佩戴',
  '未按',
  '不规范',
  '杂物',
];

/** Words of a place (where). */
const PLACE_WORDS = [
  '楼',
  '层',
  '车间',
  '仓库',
  '厂房',
  '宿舍',
  '办公室',
  '门口',
  '通道',
  '楼梯',
  '配电房',
  '配电箱',
  '食堂',
  '厨房',
  '机房',
  '号',
  '区',
  '室',
  '栋',
  '侧',
  '旁',
];

/** Words that only report the fix (what was done), not the hazard. */
const FIX_WORDS = [
  '已整改',
  '已经整改',
  '整改完毕',
  '已处理',
  '已更换',
  '已修',
  '已清理',
  '已完成',
  '立即整改',
  '已落实',
  '已补',
  '已张贴',
  '已安装',
  '已配备',
];

const NEGATIONS = /没有|没|未|无|不|缺|损|坏|堵|过期|脱落|破|漏|差|欠|乱|少/;

function bucket(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value >= edges[i]!) i++;
  return i;
}

const LENGTH_EDGES = [1, 2, 3, 4, 5, 7, 10, 15, 25, 40];
const RATIO_EDGES = [0.01, 0.2, 0.4, 0.6, 0.8, 0.95, 1];

/** What the hand features saw, also used to word the problems for the person typing. */
export interface TextSignals {
  length: number;
  emptyWord: boolean;
  hasDefect: boolean;
  hasPlace: boolean;
  onlyFix: boolean;
  /** Share of the description's character bigrams found in the checklist item (1 = all of them). */
  copied: number;
  /** Longest run of characters shared with the checklist item, over the description's length. */
  copiedRun: number;
  /** What the description adds to the checklist item: its characters outside any shared bigram. */
  added: string;
  /** The description says something is missing or wrong (没有, 未, 不, 损坏 …). */
  negated: boolean;
}

export function textSignals(description: string, checklistItem?: string): TextSignals {
  const core = coreChars(normalizeText(description));
  const item = checklistItem ? coreChars(normalizeText(checklistItem)) : '';
  let copied = 0;
  let copiedRun = 0;
  let added = core;
  if (core && item) {
    const mine = bigrams(core);
    const theirs = bigrams(item);
    let shared = 0;
    for (const g of mine) if (theirs.has(g)) shared++;
    copied = shared / mine.size;
    copiedRun = longestCommonSubstring(core, item) / core.length;
    const covered = new Uint8Array(core.length);
    for (let i = 0; i + 1 < core.length; i++) if (theirs.has(core.slice(i, i + 2))) covered[i] = covered[i + 1] = 1;
    if (core.length === 1 && item.includes(core)) covered[0] = 1;
    added = '';
    for (let i = 0; i < core.length; i++) added += covered[i] ? (added.endsWith('|') || added === '' ? '' : '|') : core[i];
    added = added.replace(/\|$/, '');
  }
  const hasDefect = DEFECT_WORDS.some((w) => core.includes(w));
  const hasFix = FIX_WORDS.some((w) => core.includes(w));
  return {
    length: core.length,
    emptyWord: EMPTY_WORDS.includes(core),
    hasDefect,
    hasPlace: PLACE_WORDS.some((w) => core.includes(w)),
    onlyFix: hasFix && !hasDefect,
    copied,
    copiedRun,
    added,
    negated: NEGATIONS.test(core),
  };
}

/**
 * The checklist's own wording as a bitset of hashed character trigrams (no text kept): tells a description
 * that copies some checklist item back, even another item than the one being reported.
 */
export interface ChecklistIndex {
  bits: number;
  set: Uint8Array;
}

function trigrams(core: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= core.length; i++) out.push(core.slice(i, i + 3));
  return out;
}

export function buildChecklistIndex(texts: Iterable<string>, bits: number): ChecklistIndex {
  const set = new Uint8Array(1 << (bits - 3));
  const mask = (1 << bits) - 1;
  for (const t of texts) {
    for (const g of trigrams(coreChars(normalizeText(t)))) {
      const h = hash32(`t${g}`) & mask;
      set[h >>> 3]! |= 1 << (h & 7);
    }
  }
  return { bits, set };
}

/** Share of the description's trigrams that occur somewhere in the checklist (0 when shorter than 3). */
export function checklistShare(core: string, index: ChecklistIndex): number {
  const grams = trigrams(core);
  if (!grams.length) return 0;
  const mask = (1 << index.bits) - 1;
  let hit = 0;
  for (const g of grams) {
    const h = hash32(`t${g}`) & mask;
    if (index.set[h >>> 3]! & (1 << (h & 7))) hit++;
  }
  return hit / grams.length;
}

/**
 * The plain cases decided without the model: nothing typed, one word that says nothing, or the checklist item
 * typed back with nothing added. Used in cross-validation exactly as when assessing.
 */
export function ruleSaysUnusable(s: TextSignals): boolean {
  if (s.length === 0 || s.emptyWord) return true;
  return s.copied >= 0.95 && s.copiedRun >= 0.95 && s.added === '';
}

/** Characters of the description outside every trigram the checklist uses: what it adds to the guide's wording. */
export function checklistUncovered(core: string, index: ChecklistIndex): number {
  if (core.length < 3) return core.length;
  const mask = (1 << index.bits) - 1;
  const covered = new Uint8Array(core.length);
  for (let i = 0; i + 3 <= core.length; i++) {
    const h = hash32(`t${core.slice(i, i + 3)}`) & mask;
    if (index.set[h >>> 3]! & (1 << (h & 7))) covered[i] = covered[i + 1] = covered[i + 2] = 1;
  }
  return covered.reduce((n, c) => n + (c ? 0 : 1), 0);
}

function push(v: SparseVector, mask: number, token: string, value = 1): void {
  v.indices.push(hash32(token) & mask);
  v.values.push(value);
}

function addNgrams(v: SparseVector, mask: number, prefix: string, text: string, maxN: number): void {
  const padded = `^${text}$`;
  const count = Math.max(1, padded.length);
  const value = 1 / Math.sqrt(count);
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n <= padded.length; i++) {
      const g = padded.slice(i, i + n);
      if (g === '^' || g === '$') continue;
      push(v, mask, `${prefix}${n}${g}`, value);
    }
  }
}

/** Features of the quality gate: n-grams of the description, hand features, and the checklist overlap. */
export function qualityFeatures(description: string, checklistItem: string | undefined, bits: number, checklist?: ChecklistIndex): SparseVector {
  const mask = (1 << bits) - 1;
  const v: SparseVector = { indices: [], values: [] };
  const text = normalizeText(description);
  const core = coreChars(text);
  const s = textSignals(description, checklistItem);
  push(v, mask, 'bias');
  addNgrams(v, mask, 'c', core, 3);
  const len = bucket(s.length, LENGTH_EDGES);
  push(v, mask, `len${len}`);
  if (core.length <= 6) push(v, mask, `whole:${core}`);
  if (s.emptyWord) push(v, mask, 'empty-word');
  if (s.hasDefect) push(v, mask, 'defect');
  if (s.hasPlace) push(v, mask, 'place');
  if (s.onlyFix) push(v, mask, `only-fix:${len}`);
  if (/[0-9]/.test(core)) push(v, mask, 'digit');
  if (text.length > 0 && core.length === 0) push(v, mask, 'punct-only');
  if (/[，,。；;、 ]/.test(text)) push(v, mask, 'clauses');
  if (checklist && core.length >= 3) {
    const share = bucket(checklistShare(core, checklist), RATIO_EDGES);
    push(v, mask, `guide${share}`);
    push(v, mask, `guide${share}:len${len}`);
    push(v, mask, `guide${share}:neg${s.negated}`);
    const uncovered = bucket(checklistUncovered(core, checklist), LENGTH_EDGES);
    push(v, mask, `uncovered${uncovered}:len${len}`);
  }
  if (checklistItem && coreChars(normalizeText(checklistItem))) {
    const c = bucket(s.copied, RATIO_EDGES);
    const r = bucket(s.copiedRun, RATIO_EDGES);
    push(v, mask, `copy${c}`);
    push(v, mask, `run${r}`);
    push(v, mask, `copy${c}:len${len}`);
    push(v, mask, `run${r}:len${len}`);
    push(v, mask, `copy${c}:defect${s.hasDefect}`);
    push(v, mask, 'copied', s.copied);
    push(v, mask, 'copied-run', s.copiedRun);
    const added = s.added.replace(/\|/g, '');
    const addedLen = bucket(added.length, LENGTH_EDGES);
    push(v, mask, `added${addedLen}`);
    push(v, mask, `added${addedLen}:copy${c}`);
    push(v, mask, `added${addedLen}:neg${s.negated}:copy${c}`);
    if (added.length <= 6) push(v, mask, `added-whole:${added}`);
    for (const part of s.added.split('|')) if (part) addNgrams(v, mask, 'a', part, 2);
  } else {
    push(v, mask, 'no-item');
  }
  return v;
}

/** Features of the category suggestion: character n-grams of the description only. */
export function categoryFeatures(description: string, bits: number): SparseVector {
  const mask = (1 << bits) - 1;
  const v: SparseVector = { indices: [], values: [] };
  push(v, mask, 'bias');
  addNgrams(v, mask, 'c', coreChars(normalizeText(description)), 3);
  return v;
}
