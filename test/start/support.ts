// What a new user has: Node and npm on PATH, nothing else of ours (no pnpm). Scripts run as
// `npm run …` from the repo root in their own process group, so a test can stop the whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const root = new URL('../../', import.meta.url).pathname;

/** A PATH of node, npm and npx (symlinked from the running Node) plus /usr/bin:/bin, which has no pnpm. */
export function nodeOnlyPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-node-only-'));
  const nodeBin = dirname(process.execPath);
  for (const name of ['node', 'npm', 'npx']) symlinkSync(join(nodeBin, name), join(dir, name));
  return `${dir}:/usr/bin:/bin`;
}

/** The environment of a fresh shell: no npm_* variables from the npm that started the tests. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k)));
  return { ...env, PATH: nodeOnlyPath(), ...extra };
}

export interface Script {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr), without terminal colour codes. */
  output: () => string;
  /** Resolves with the first match of `pattern` in the output; rejects if the script exits first. */
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM to the whole process group (npm, the script and what it started). */
  stop: () => void;
}

export function npmRun(args: string[], env: NodeJS.ProcessEnv): Script {
  const child = spawn('npm', args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  // Tools colour their output when CI or FORCE_COLOR is set, even into a pipe; patterns match the words.
  const plain = () => stripVTControlCharacters(text);
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
      for (const l of listeners) l();
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`no ${pattern} within ${timeoutMs} ms:\n${plain().slice(-3000)}`)),
        timeoutMs,
      );
      const check = () => {
        const m = pattern.exec(plain());
        if (m) return done(undefined, m);
        if (child.exitCode !== null || child.signalCode !== null)
          done(
            new Error(
              `npm ${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${plain().slice(-3000)}`,
            ),
          );
      };
      const done = (error?: Error, m?: RegExpMatchArray) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve(m!);
      };
      listeners.add(check);
      check();
    });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  return { child, output: plain, waitFor, exited, stop };
}
