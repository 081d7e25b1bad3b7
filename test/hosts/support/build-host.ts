// Builds a host app with Vite's JS API, the way the vendor would (`vite build`), from the
// packages' published entry points (dist: no `source` condition), into a temp folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type PluginOption } from 'vite';

export async function buildHost(
  root: string,
  plugins: PluginOption[],
  options: { input?: string } = {},
): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'inflow-host-'));
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      ...(options.input ? { rollupOptions: { input: options.input } } : {}),
    },
  });
  return outDir;
}
