// What the figures were measured on: the report is meaningless without the machine beside it.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { Db } from '../db/knex';
import { installedTool } from '../lib/paths';

export interface Machine {
  date: string;
  os: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  temporalCli: string;
  postgres: string;
  /** 1-minute load average when the run started: a busy machine's figures are not results. */
  loadAverage: number;
}

function temporalCliVersion(): string {
  try {
    return execFileSync(installedTool('temporal'), ['--version'], { encoding: 'utf8' }).trim();
  } catch (err) {
    return `unknown (${(err as Error).message})`;
  }
}

export async function describeMachine(db: Db): Promise<Machine> {
  const cpus = os.cpus();
  const { rows } = await db.raw<{ rows: { version: string }[] }>('select version() as version');
  return {
    date: new Date().toISOString(),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    temporalCli: temporalCliVersion(),
    postgres: rows[0]?.version ?? 'unknown',
    loadAverage: os.loadavg()[0] ?? NaN,
  };
}
