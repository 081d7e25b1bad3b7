// Fresh activation events for the ingest benches: the HTTP route (bench/load.ts) and the store
// without HTTP (bench/serve.ts --store-rate) take the same batches.
import type { ActivationEvent } from '../packages/contract/src/index.js';

export const eventBatch = (size: number): ActivationEvent[] =>
  Array.from({ length: size }, () => ({
    id: crypto.randomUUID(),
    name: 'impression' as const,
    at: new Date().toISOString(),
    scenario: 'underperformance',
    source: 'embedded' as const,
  }));
