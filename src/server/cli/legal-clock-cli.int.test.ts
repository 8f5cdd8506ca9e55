import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The `anwen` CLI on a fresh embedded data dir (the command migrates and seeds by itself). */
let dataDir: string;
const root = path.resolve(import.meta.dirname, '../../..');

function anwen(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, ANWEN_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [path.join(root, 'bin/anwen.mjs'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, lines: r.stdout.trim().split('\n'), stderr: r.stderr };
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('anwen deadline / calendar', () => {
  it('computes xf.handle on a fresh checkout (migrates and seeds first)', () => {
    const r = anwen('deadline', 'xf.handle', '--from', '2026-08-05');
    expect(r.code).toBe(0);
    expect(r.lines[0]).toBe('2026-10-08');
    expect(r.lines[1]).toBe('xf.handle 办理期限 60日（自然日）— 《信访工作条例》第三十四条');
    expect(r.lines).not.toContain('provisional');
  });

  it('is-workday answers true for the 调休 Saturday and flags a year not loaded', () => {
    expect(anwen('calendar', 'is-workday', '2026-10-10')).toMatchObject({ code: 0, lines: ['true'] });
    const r = anwen('calendar', 'is-workday', '2027-10-01');
    expect(r.code).toBe(0);
    expect(r.lines[0]).toBe('true');
    expect(r.lines[1]).toMatch(/^provisional：2027 年工作日历尚未导入/);
  });

  it('a span into 2027 is provisional until 2027 is loaded', () => {
    const before = anwen('deadline', 'xf.handle', '--from', '2026-12-01');
    expect(before.lines.slice(0, 4)).toEqual(['2027-02-01', expect.stringContaining('xf.handle'), 'provisional', expect.stringContaining('2027')]);
    const file = path.join(dataDir, '2027.json');
    writeFileSync(
      file,
      JSON.stringify({
        year: 2027,
        source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
        days: [{ date: '2027-02-01', kind: 'holiday', name: '测试' }],
      }),
    );
    expect(anwen('calendar', 'load', file).code).toBe(0);
    const after = anwen('deadline', 'xf.handle', '--from', '2026-12-01');
    expect(after.lines[0]).toBe('2027-02-02');
    expect(after.lines).not.toContain('provisional');
  });

  it('bad arguments exit 2 with a zh-CN message', () => {
    const noFrom = anwen('deadline', 'xf.handle');
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toContain('缺少 --from');
    const badDate = anwen('deadline', 'xf.handle', '--from', '2026-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('2026-02-30');
    const unknown = anwen('deadline', 'xf.nope', '--from', '2026-08-05');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未找到时限规则');
  });
});
