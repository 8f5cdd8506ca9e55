import { describe, expect, it } from 'vitest';
import { qualityFeatures } from './features.ts';
import { dequantize, quantize, scoreBinary } from './model.ts';
import { bestThreshold, binaryFigures, groupFolds, trainBinary } from './train.ts';

describe('cross-validation arithmetic', () => {
  it('puts every copy of a text in the same fold, and spreads distinct texts over all folds', () => {
    const groups = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? '已整改' : `text${i % 50}`));
    const folds = groupFolds(groups, 5, 1);
    const foldOf = new Map<string, Set<number>>();
    groups.forEach((g, i) => foldOf.set(g, (foldOf.get(g) ?? new Set()).add(folds[i]!)));
    for (const s of foldOf.values()) expect(s.size).toBe(1);
    expect(new Set(folds).size).toBe(5);
  });

  it('counts precision, recall and F1 of the positive class at a threshold', () => {
    const f = binaryFigures([0.9, 0.8, 0.3, 0.7, 0.1, 0.2], [1, 0, 1, 1, 0, 0], 0.5);
    expect(f).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 2 });
    expect(f.precision).toBeCloseTo(2 / 3);
    expect(f.recall).toBeCloseTo(2 / 3);
    expect(bestThreshold([0.9, 0.8, 0.3, 0.7, 0.1, 0.2], [1, 0, 1, 1, 0, 0]).f1).toBeGreaterThanOrEqual(f.f1);
  });
});

describe('training and the stored weights', () => {
  it('learns to tell empty answers from concrete ones, and int8 weights keep the verdicts', () => {
    const empty = ['已整改', '无', '一般', '正常', '已处理', '好', '整改完毕', '没有'];
    const concrete = [
      '二楼配电箱门损坏',
      '消防通道堆放杂物',
      '灭火器压力不足',
      '车间插座线路裸露',
      '仓库应急灯不亮',
      '三楼防火门损坏',
      '楼梯间堆放纸箱',
      '厨房燃气管老化',
    ];
    const xs = [...empty, ...concrete].map((t) => qualityFeatures(t, undefined, 12));
    const ys = [...empty.map(() => 1), ...concrete.map(() => 0)];
    const w = trainBinary(xs, ys, { bits: 12, epochs: 30, rate: 0.3, l2: 0, positiveWeight: 1, seed: 1 });
    const { scale, bytes } = quantize(w);
    const q = dequantize(scale, bytes);
    for (let i = 0; i < xs.length; i++) {
      expect(scoreBinary(w, xs[i]!) >= 0.5).toBe(ys[i] === 1);
      expect(scoreBinary(q, xs[i]!) >= 0.5).toBe(ys[i] === 1);
    }
  });
});
