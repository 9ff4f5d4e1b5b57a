// Child processes the start command supervises. Each runs in its own process group, so Ctrl-C in
// the terminal reaches only the start command, which then stops them in order (worker drains
// before PostgreSQL and Temporal go away). A pid file per child lets the next start clear a
// leftover from a start command that was killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';

export interface Supervised {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process has gone. */
  exited: Promise<number | string>;
  stop(graceMs: number): Promise<void>;
}

/** Whether a process with this pid exists (a zombie not yet reaped counts). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/** Stops the process group recorded in `pidFile` if it is still running (SIGTERM, then SIGKILL). */
export async function clearLeftover(pidFile: string, logger: Logger): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  fs.rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return;
  logger.warn({ pid, pidFile }, 'stopping a process left running by an earlier start');
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    process.kill(pid, 'SIGTERM');
  }
  if (!(await waitGone(pid, 15_000))) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export function superviseChild(options: {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  pidFile?: string;
  /** Where the child's output goes: the start command's own stdout/stderr, or a log file. */
  logFile?: string;
  logger: Logger;
}): Supervised {
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'inherit';
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  if (typeof out === 'number') fs.closeSync(out);
  if (options.pidFile && child.pid) {
    fs.mkdirSync(path.dirname(options.pidFile), { recursive: true });
    fs.writeFileSync(options.pidFile, String(child.pid));
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      if (options.pidFile) fs.rmSync(options.pidFile, { force: true });
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', (err) => {
      options.logger.error({ err, process: options.name }, 'could not start process');
      resolve('spawn-error');
    });
  });
  return {
    name: options.name,
    child,
    exited,
    async stop(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        options.logger.warn({ process: options.name, graceMs }, 'did not stop in time; killing');
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` until it returns true, or fails after `timeoutMs` (or when `exited` settles first). */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  exited?: Promise<unknown>,
): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    if (gone) throw new Error(`${what}: the process exited before it was ready`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s`);
}
