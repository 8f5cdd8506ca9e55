import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from './hazards.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'anwen-hazards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXIT_ITEM = '2、安全出口、疏散通道是否畅通，安全疏散指示标志、应急照明是否完好；';

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
    // Six rows the gate decides plainly: 4 refused (blank, 已整改, 一般, the item typed back), 2 usable.
    // Labels: the blank and 已整改 are 1 (true positives), 一般 is labelled 0 (a false positive), the copied item is
    // labelled 1 (true positive), one concrete text is labelled 1 (a false negative), the other 0 (true negative).
    // → tp 3, fp 1, fn 1, tn 1: precision 3/4 = 75.0 %, recall 3/4 = 75.0 %, F1 75.0 %.
    const file = path.join(dir, 'labelled.csv');
    writeFileSync(
      file,
      [
        'id,level_2,level_4,content,label',
        `1,（一）消防检查,"${EXIT_ITEM}",,1`,
        `2,（一）消防检查,"${EXIT_ITEM}",已整改,1`,
        `3,（一）消防检查,"${EXIT_ITEM}",一般,0`,
        `4,（一）消防检查,"${EXIT_ITEM}","${EXIT_ITEM}",1`,
        `5,（一）消防检查,"${EXIT_ITEM}","一楼仓库安全出口被货物堵塞，疏散通道不畅通",1`,
        `6,（二）电气安全,"1、电气线路应穿金属管或阻燃型PVC管保护。","车间插座电线绝缘皮破损，铜线裸露",0`,
      ].join('\n'),
    );
    const { code, out } = await runCaptured(['score-quality', file]);
    expect(code).toBe(0);
    expect(out).toContain('第 2 行  不可用');
    expect(out).toContain('第 6 行  可用');
    expect(out).toContain('共 6 行，判为不可用 4 行，可用 2 行。');
    expect(out).toContain('精确率 75.0 %，召回率 75.0 %，F1 75.0 %');
    expect(out).toContain('判对不可用 3，误判为不可用 1，漏判 1，判对可用 1');
    // Category accuracy over the usable (label 0) rows with a description: row 6 only, 电气安全 → 100 %.
    expect(out).toContain('对照 level_2（1 行可用描述）：类别建议首选准确率 100.0 %，前三准确率 100.0 %');
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
