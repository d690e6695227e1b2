import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export class DataDirBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process writing the same directory would lose or
 * corrupt data (a user added by the CLI while the server runs was silently lost). Each process
 * claims the directory with its pid; a claim left by a process that has died is taken over.
 */
export function claimDataDir(dataDir: string, who: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'owner.pid');
  let holder: { pid: number; who: string } | null = null;
  try {
    holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; who: string };
  } catch {
    holder = null;
  }
  if (holder && holder.pid !== process.pid && alive(holder.pid)) {
    throw new DataDirBusyError(
      `${dataDir} is in use by ${holder.who} (pid ${holder.pid}). The embedded database allows one process at a time: stop it first, or use Postgres (DATABASE_URL).`,
    );
  }
  writeFileSync(file, JSON.stringify({ pid: process.pid, who }));
  return () => rmSync(file, { force: true });
}
