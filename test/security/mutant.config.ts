// Runs a unit/integration suite against a mutant of one source file, to show a security test
// fails when the protection it guards is removed — without editing anyone's sources on disk:
//   INFLOW_MUTATE='{"file":"src/auth.ts","from":"…","to":"…"}' \
//     npx vitest run --config test/security/mutant.config.ts \
//       packages/service/src/security/isolation-cross-tenant.test.ts
// (exact string replacement; it must match). docs/security.md lists the mutants tried.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

const spec = process.env.INFLOW_MUTATE
  ? (JSON.parse(process.env.INFLOW_MUTATE) as { file: string; from: string; to: string })
  : undefined;

export default mergeConfig(
  base,
  defineConfig({
    root: new URL('../..', import.meta.url).pathname,
    plugins: [
      {
        name: 'inflow-mutant',
        enforce: 'pre',
        transform(code: string, id: string) {
          if (!spec || !id.split('?')[0]!.endsWith(spec.file)) return undefined;
          if (!code.includes(spec.from))
            throw new Error(`INFLOW_MUTATE: "${spec.from}" not found in ${spec.file}`);
          console.warn(`[mutant] ${spec.file}: ${spec.from} → ${spec.to}`);
          return code.replace(spec.from, spec.to);
        },
      },
    ],
  }),
);
