import { openForCli } from './open.ts';
import { cliActor } from '../core/audit/audit-chain.ts';
import { emergencyResetPassword } from '../core/auth/emergency-reset.ts';

const USAGE = '用法: anwen user reset-password <用户名>   （应急重置密码：解锁并启用账号，打印一次性临时密码）';

export async function run(args: string[]): Promise<number> {
  const [sub, username, ...extra] = args;
  if (sub !== 'reset-password' || !username || extra.length) {
    console.error(USAGE);
    return 2;
  }
  const { database } = await openForCli();
  try {
    const { password } = await emergencyResetPassword({ db: database.db, username, actor: cliActor(), now: new Date() });
    console.log(`已重置 ${username} 的密码，临时密码：${password}`);
    console.log('该账号已解锁并启用，原有登录会话已全部失效；首次登录后须修改密码。');
    return 0;
  } finally {
    await database.close();
  }
}
