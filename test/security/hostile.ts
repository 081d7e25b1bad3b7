// The hostile world around the elements, for the XSS suite: a model that streams XSS payloads
// (and echoes the host's context back), an API in front of the real service that injects payloads
// into every human-readable string it returns (scenario text, disclosure, opening, feedback), and
// the host page whose markup and URL carry payloads in every attribute and slot.
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LlmRequest } from '../../packages/service/src/test/fake-llm.js';
import { all, markerOf, payload, TEMPLATES } from './xss-corpus.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Splits text into small deltas, so payloads straddle chunk boundaries while streaming. */
const pieces = (text: string, size = 7) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

/**
 * The model: the user's turn names a payload by its marker (`XSS2nn`), and the reply is the
 * model-output payload with the same index. A turn containing "context" gets the host context
 * values of the system prompt echoed back (prompt-injected markup coming back out of the model).
 */
export function hostileReply(request: LlmRequest): string[] {
  const messages = request.messages;
  const user = messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  if (user.includes('echo context')) {
    // The host context arrives as JSON inside <host_context>; a model repeats its values verbatim.
    const system = messages.find((m) => m.role === 'system')?.content ?? '';
    const block = /<host_context>\n([\s\S]*?)\n<\/host_context>/.exec(system)?.[1] ?? '{}';
    return pieces(Object.values(JSON.parse(block) as Record<string, string>).join('\n\n'));
  }
  const index = Number(/XSS2(\d\d)/.exec(user)?.[1] ?? 0);
  return pieces(payload('modelOutput', index % TEMPLATES.length));
}

const SCENARIO_KEYS = new Set(['title', 'summary', 'name', 'role', 'description', 'disclosure']);
const FEEDBACK_KEYS = new Set(['summary', 'nextStep', 'label']);

/** Appends payloads to every human-readable string of an API answer. */
function inject(value: unknown, keys: Set<string>, arrays: Set<string>, extra: string, key = ''): unknown {
  if (typeof value === 'string') return keys.has(key) ? `${value} ${extra}` : value;
  if (Array.isArray(value))
    return arrays.has(key)
      ? [
          ...value.map((v) => (typeof v === 'string' ? `${v} ${extra}` : inject(v, keys, arrays, extra))),
          extra,
        ]
      : value.map((v) => inject(v, keys, arrays, extra));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] =
        k === 'opening' && v && typeof v === 'object'
          ? { ...v, text: `${(v as { text: string }).text} ${extra}` }
          : inject(v, keys, arrays, extra, k);
    return out;
  }
  return value;
}

export interface HostileApi {
  url: string;
  /** Every request as the API saw it (`METHOD url content-type`), keepalive ones included. */
  requests: string[];
  close(): Promise<void>;
}

/** A pass-through proxy to the real service that rewrites scenario, session and feedback JSON. */
export async function startHostileApi(target: string): Promise<HostileApi> {
  const { hostname, port } = new URL(target);
  const scenarioText = all('scenarioText').join(' ');
  const feedbackText = all('feedbackText').join(' ');
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers['content-type'] ?? ''}`);
    const path = (req.url ?? '/').split('?')[0]!;
    const kind =
      path === '/v1/scenarios' || path === '/v1/sessions'
        ? 'scenario'
        : /^\/v1\/sessions\/[^/]+\/complete$/.test(path)
          ? 'feedback'
          : undefined;
    const up = request(
      { host: hostname, port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const json = (answer.headers['content-type'] ?? '').includes('application/json');
        if (!kind || !json || (answer.statusCode ?? 500) >= 300) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (d: Buffer) => chunks.push(d));
        answer.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
          const rewritten =
            kind === 'scenario'
              ? inject(body, SCENARIO_KEYS, new Set(['objectives']), scenarioText)
              : inject(body, FEEDBACK_KEYS, new Set(['evidence']), feedbackText);
          const text = JSON.stringify(rewritten);
          const headers = { ...answer.headers };
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 200, { ...headers, 'content-length': Buffer.byteLength(text) });
          res.end(text);
        });
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * To show this suite fails when a protection is removed, without editing the elements' sources:
 * `INFLOW_MUTATE='{"file":"practice/views.ts","from":"…","to":"…","prepend":"import …"}'` rewrites one
 * source file of the bundle (exact string replacement, which must match; optional prepended imports). docs/security.md lists the mutants tried.
 */
function mutationPlugin(): import('esbuild').Plugin[] {
  const spec = process.env.INFLOW_MUTATE;
  if (!spec) return [];
  const m = JSON.parse(spec) as { file: string; from: string; to: string; prepend?: string };
  return [
    {
      name: 'inflow-mutant',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (args) => {
          if (!args.path.endsWith(m.file)) return undefined;
          const { readFile } = await import('node:fs/promises');
          const source = await readFile(args.path, 'utf8');
          if (!source.includes(m.from)) throw new Error(`INFLOW_MUTATE: "${m.from}" not found in ${m.file}`);
          return { contents: `${m.prepend ?? ''}\n${source.replace(m.from, m.to)}`, loader: 'ts' };
        });
      },
    },
  ];
}

/** Bundles page/main.ts (elements from source, with lazy chunks) into a temp directory. */
export async function bundleHostilePage(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'inflow-xss-page-'));
  await build({
    entryPoints: [new URL('./page/main.ts', import.meta.url).pathname],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir,
    plugins: mutationPlugin(),
    logLevel: 'silent',
  });
  return outdir;
}

/**
 * The host page: payloads in launcher labels, `context-*` values, other launcher attributes, the
 * nudge's attributes and slotted text, and team names reach the report through the API. Markup is
 * server-rendered with proper escaping — what a careful vendor does — so every payload arrives in
 * the elements as an attribute value or text, which they must keep inert.
 */
export function renderHostilePage(o: { apiBase: string; adminToken: string }): string {
  const label = all('label').join(' ');
  const contexts = all('context');
  const ctx = (from: number, to: number) =>
    contexts
      .slice(from, to)
      .map((v, i) => `context-p${i}="${escapeHtml(v)}"`)
      .join(' ');
  const nudge = all('nudge');
  const attrs = all('launcherAttributes');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Hostile host</title>
    <meta name="inflow-api-base" content="${escapeHtml(o.apiBase)}">
    <script type="module" src="/static/csp-watch.js"></script>
    <script type="module" src="/xss/main.js"></script>
  </head>
  <body>
    <label for="due-field">Review due</label> <input id="due-field">
    <inflow-launcher id="first" scenario="underperformance" label="${escapeHtml(label)}" ${ctx(0, 20)}></inflow-launcher>
    <inflow-launcher id="second" scenario="goal-setting" label="${escapeHtml(label)}" ${ctx(20, 40)}></inflow-launcher>
    <inflow-launcher id="third" scenario="${escapeHtml(attrs[0]!)}" source="${escapeHtml(attrs[1]!)}" locale="${escapeHtml(attrs[2]!)}" variant="${escapeHtml(attrs[3]!)}" placement="${escapeHtml(attrs[4]!)}" label="${escapeHtml(attrs.slice(5).join(' '))}"></inflow-launcher>
    <inflow-nudge for="due-field" scenario="underperformance" trigger="focus" launcher="${escapeHtml(nudge[0]!)}" user="${escapeHtml(nudge[1]!)}" placement="${escapeHtml(nudge[2]!)}">${escapeHtml(nudge.join(' '))}</inflow-nudge>
    <inflow-activation-report api-base="${escapeHtml(o.apiBase)}" token="${escapeHtml(o.adminToken)}" from="2020-01-01" to="2030-12-31"></inflow-activation-report>
    <h2>CSP violations</h2>
    <ol id="csp-violations"></ol>
  </body>
</html>
`;
}

export { markerOf };
