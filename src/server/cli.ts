import { AppError } from './core/errors.ts';

/** One CLI command: gets its own argv tail, returns the process exit code. */
export type CliCommand = (args: string[]) => Promise<number>;

/** The `anwen` commands, each in its own file under cli/ (loaded only when used). */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: CliCommand }> }> = {
  start: { summary: '启动平台（首次启动自动迁移并生成演示县数据）', load: () => import('./cli/start.ts') },
  migrate: { summary: '把数据库结构升级到最新版本', load: () => import('./cli/migrate.ts') },
  seed: { summary: '生成演示县数据；--bulk N 生成 N 条压测事项', load: () => import('./cli/seed.ts') },
  calendar: { summary: '工作日历：is-workday 日期 | load 文件 | years', load: () => import('./cli/calendar.ts') },
  deadline: { summary: '计算法定期限：deadline 规则键 --from 日期 [--province 代码]', load: () => import('./cli/deadline.ts') },
  user: { summary: '账号应急处理：user reset-password 用户名（忘记管理员密码时使用）', load: () => import('./cli/user.ts') },
  audit: { summary: '审计链：audit verify [--checkpoint 文件] | audit checkpoint [--out 文件]', load: () => import('./cli/audit.ts') },
  backup: { summary: '备份到文件：backup 文件', load: () => import('./cli/backup.ts') },
  restore: { summary: '从备份恢复到空库：restore 文件', load: () => import('./cli/restore.ts') },
  hazards: { summary: '隐患描述质量：hazards score-quality 文件.csv（逐行判定，有 label 列时给出 F1）', load: () => import('./cli/hazards.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  anwen ${name.padEnd(10)} ${c.summary}`);
  return ['用法: anwen <命令> [参数]', '', ...lines, '', '环境变量: DATABASE_URL, ANWEN_DATA_DIR, PORT, HOST（详见 README）'].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`未知命令：${name}\n\n${usage()}`);
    return 2;
  }
  try {
    const { run } = await command.load();
    return await run(rest);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`错误：${error.message}`);
      return 1;
    }
    console.error(error);
    return 1;
  }
}
