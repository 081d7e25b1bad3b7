// The processes bench/load.ts measures, each bench/serve.ts in a Node process of its own: the
// service or the bare baseline as HTTP servers, and the store's own insert rate without HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './lib.js';

interface Server {
  url: string;
  stop(): Promise<void>;
}
/** BENCH_CPU_PROF_DIR=<dir>: each server writes a V8 CPU profile there when it stops (where the time goes). */
const profile = process.env.BENCH_CPU_PROF_DIR
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
  : [];

export async function spawnServer(args: string[], env: Record<string, string> = {}): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, '--conditions=source', '--import', 'tsx', `${ROOT}bench/serve.ts`, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`bench/serve.ts ${args.join(' ')} exited (${code}) before it was ready`)),
    );
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The store's own insert rate, without HTTP, for the same batches and callers (bench/serve.ts). */
export function storeRate(
  env: Record<string, string>,
  load: { seconds: number; callers: number; batch: number },
): Promise<number> {
  const args = ['--store-rate', String(load.seconds), String(load.callers), String(load.batch)];
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', `${ROOT}bench/serve.ts`, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('STORE '));
      if (code === 0 && line)
        resolve((JSON.parse(line.slice('STORE '.length)) as { eventsPerSecond: number }).eventsPerSecond);
      else reject(new Error(`bench/serve.ts --store-rate exited (${code}) without a result`));
    });
  });
}
