import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

export interface DataDirLock {
  release(): void;
}

/**
 * PGlite is single-process: two processes opening one data folder would corrupt it.
 * A PID lock file makes the second opener fail with a clear message instead.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'anwen.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release() {
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && isAlive(pid)) {
        throw new AppError('DATA_DIR_IN_USE', { pid, dataDir });
      }
      fs.rmSync(file, { force: true }); // stale lock of a dead process
    }
  }
  throw new AppError('DATA_DIR_IN_USE', { pid: 0, dataDir });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
