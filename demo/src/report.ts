// The HR view: the activation report on the seeded review cycle (admin-scope token).
import { boot } from './boot.js';

await boot({ scope: 'admin' });
await import('@inflow/elements/define/activation-report');
