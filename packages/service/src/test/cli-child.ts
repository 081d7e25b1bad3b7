/**
 * Test helper: the `inflow` CLI from source in a child process, as an operator runs it — one
 * command to its exit (`runInflow`), or `inflow serve` until it listens (`serveInflow`), with
 * everything it wrote to stdout and stderr kept for the test to read.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const repoRoot = new URL('../../../../', import.meta.url).pathname;
const cli = new URL('../cli.ts', import.meta.url).pathname;

/** The environment of a child: no tenants, storage or model from the caller's shell unless given. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    INFLOW_TENANTS: '',
    DATABASE_URL: '',
    INFLOW_LLM_BASE_URL: '',
    INFLOW_METRICS_TOKEN: '',
    ...env,
  };
}

function spawnInflow(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Exit {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export function runInflow(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  const child = spawnInflow(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

export interface ServingChild {
  child: ChildProcess;
  url: string;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Settles when the process has exited and its output is complete. */
  exited: Promise<Exit>;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** `inflow serve --port 0 …`; resolves once it printed its URL, rejects if it exits first. */
export async function serveInflow(args: string[], env: Record<string, string> = {}): Promise<ServingChild> {
  const child = spawnInflow(['serve', '--port', '0', ...args], env);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = stdout.match(/listening on (http:\/\/[^\s"]+)/);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    void exited.then((e) =>
      reject(new Error(`inflow serve exited (${e.code}) before listening:\n${stdout}\n${stderr}`)),
    );
  });
  return {
    child,
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
