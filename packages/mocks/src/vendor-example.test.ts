// Runs the documented vendor example (examples/vendor-review) with Vitest, as a vendor would, and
// proves it can fail: with the SDK's event recording broken (track() records nothing, or the
// events never reach the service although the SDK was told 202), the same test must go red.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const config = fileURLToPath(new URL('../examples/vitest.config.ts', import.meta.url));

interface JsonReport {
  success: boolean;
  testResults: Array<{
    assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>;
  }>;
}

function runExample(env: Record<string, string>, extra: string[] = []): Promise<JsonReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      `${root}node_modules/.bin/vitest`,
      ['run', '--config', config, '--reporter=json', ...extra],
      {
        cwd: root,
        env: { ...process.env, ...env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const start = out.indexOf('{');
      try {
        resolve(JSON.parse(out.slice(start)) as JsonReport);
      } catch {
        reject(new Error(`no JSON report from the example run:\n${out}\n${err}`));
      }
    });
  });
}

const results = (r: JsonReport) => r.testResults.flatMap((f) => f.assertionResults);

test('the vendor Vitest example passes against @inflow/mocks', { timeout: 180_000 }, async () => {
  const report = await runExample({ INFLOW_BREAK: '' });
  expect(results(report).map((t) => t.status)).toEqual(['passed', 'passed', 'passed']);
  expect(report.success).toBe(true);
});

for (const mode of ['track', 'delivery']) {
  test(
    `the vendor example fails when the SDK's event recording is broken (${mode})`,
    { timeout: 180_000 },
    async () => {
      // The first test is enough to show it; the others would only wait for events that never come.
      const report = await runExample({ INFLOW_BREAK: mode }, ['--testNamePattern', 'once each']);
      const ran = results(report).filter((t) => t.status !== 'skipped');
      expect(report.success).toBe(false);
      expect(ran).toHaveLength(1);
      expect(ran[0]?.status).toBe('failed');
      // It fails on the events the service stored, not on anything else.
      expect(ran[0]?.failureMessages.join('\n')).toMatch(/session_start/);
    },
  );
}
