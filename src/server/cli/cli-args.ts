/** A usage error: the command prints it on stderr and exits 2. */
export class UsageError extends Error {}

/** Splits `--name value` options from positional arguments (no external parser needed). */
export function parseArgs(args: string[], known: readonly string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (!known.includes(name)) throw new UsageError(`未知选项：--${name}`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`选项 --${name} 缺少取值`);
    options[name] = value;
  }
  return { positional, options };
}
