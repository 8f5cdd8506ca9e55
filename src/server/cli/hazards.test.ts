import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from './hazards.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'anwen-hazards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXIT_ITEM = '2、安全出口、疏散通道是否畅通，安全疏散指示标志、应急照明是否完好；';
const WIRING_ITEM = '1、电气线路应穿金属管或阻燃型PVC管保护，不得使用双绞线（俗称花线）。';

/** Runs the command with console output captured. */
async function runCaptured(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await run(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('anwen hazards score-quality', () => {
  it('prints a verdict per row and precision / recall / F1 against the label column', async () => {
    // Seven rows the gate decides plainly: 3 refused (blank, 已整改, 一般), 4 concrete ones accepted.
    // Labels: blank and 已整改 are 1 (2 true positives), 一般 is labelled 0 (1 false positive), two concrete texts
    // are labelled 1 (2 false negatives), two are labelled 0 (2 true negatives).
    // → precision 2/3 = 66.7 %, recall 2/4 = 50.0 %, F1 = 2·(2/3)·(1/2) / (2/3 + 1/2) = 4/7 = 57.1 %.
    const file = path.join(dir, 'labelled.csv');
    writeFileSync(
      file,
      [
        'id,level_2,level_4,content,label',
        `1,（一）消防检查,"${EXIT_ITEM}",,1`,
        `2,（一）消防检查,"${EXIT_ITEM}",已整改,1`,
        `3,（一）消防检查,"${EXIT_ITEM}",一般,0`,
        `4,（一）消防检查,"${EXIT_ITEM}","一楼仓库安全出口被货物堵塞，疏散通道不畅通",1`,
        `5,（二）电气安全,"${WIRING_ITEM}","二楼配电箱门损坏、线路裸露，未设警示",1`,
        `6,（二）电气安全,"${WIRING_ITEM}","车间插座电线绝缘皮破损，铜线裸露",0`,
        `7,（二）电气安全,"${EXIT_ITEM}","三楼走廊应急照明灯不亮",0`,
      ].join('\n'),
    );
    const { code, out } = await runCaptured(['score-quality', file]);
    expect(code).toBe(0);
    expect(out).toContain('第 2 行  不可用');
    expect(out).toContain('第 6 行  可用');
    expect(out).toContain('共 7 行，判为不可用 3 行，可用 4 行。');
    expect(out).toContain('精确率 66.7 %，召回率 50.0 %，F1 57.1 %');
    expect(out).toContain('判对不可用 2，误判为不可用 1，漏判 2，判对可用 2');
    // Category accuracy over usable (label 0) rows that got a suggestion: rows 6 and 7 (一般 gets none). Row 6 is
    // 电气安全 first; row 7 (an emergency light, filed here under 电气安全) is 消防检查 first and 电气安全 within
    // the top 3 → top-1 1/2 = 50.0 %, top-3 2/2 = 100.0 %.
    expect(out).toContain('对照 level_2（2 行可用描述）：类别建议首选准确率 50.0 %，前三准确率 100.0 %');
  });

  it('without a label column prints verdicts and no figures', async () => {
    const file = path.join(dir, 'plain.csv');
    writeFileSync(file, '\uFEFFcontent\r\n无\r\n"二楼配电箱门损坏、线路裸露，未设警示"\r\n');
    const { code, out } = await runCaptured(['score-quality', file, '--show', 'refused']);
    expect(code).toBe(0);
    expect(out).toContain('第 2 行  不可用');
    expect(out).not.toContain('第 3 行');
    expect(out).not.toContain('精确率');
  });

  it('says what is wrong with the file or the command, exit code 2', async () => {
    const noColumn = path.join(dir, 'nocolumn.csv');
    writeFileSync(noColumn, 'a,b\n1,2\n');
    expect(await runCaptured(['score-quality', noColumn])).toMatchObject({ code: 2, err: expect.stringContaining('缺少隐患描述列') });
    expect(await runCaptured(['score-quality', path.join(dir, 'absent.csv')])).toMatchObject({ code: 2, err: expect.stringContaining('文件不存在') });
    expect(await runCaptured(['rank'])).toMatchObject({ code: 2, err: expect.stringContaining('未知子命令') });
  });
});
