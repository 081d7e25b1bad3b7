/**
 * The ordered list of schema migrations, shared by PGlite and PostgreSQL. Each is a TS module
 * exporting an SQL string (so tsc and bundlers carry it). To add one: create the next numbered
 * module (e.g. `003_nudges.ts`) and append it here — never edit or reorder an applied one.
 */
import { sql as activation } from '../../activation/migration.js';
import { sql as audienceHistory } from '../../activation/history-migration.js';
import { sql as segments } from '../../activation/segments-migration.js';
import { sql as turnMetrics } from '../../activation/stability-migration.js';
import { sql as nudges, queueSql as nudgesQueue } from '../../nudges/migration.js';
import {
  activitySql as sessionActivity,
  attemptsSql as outboundAttempts,
  settingsSql as integrationSettings,
  sql as outbound,
} from '../../outbound/migration.js';
import { sql as scenarios } from '../../scenarios/migration.js';
import { sql as core } from './001_core.js';
import { sql as exportKeys } from '../../export/migration.js';

export interface Migration {
  /** Unique, sortable id; recorded in `schema_migrations` once applied. */
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { id: '001_core', sql: core },
  // Owned by src/activation (audience roster), src/nudges (delivery log), src/scenarios (authored scenarios, pinning).
  { id: '002_activation', sql: activation },
  { id: '003_nudges', sql: nudges },
  { id: '004_scenarios', sql: scenarios },
  // Owned by src/outbound (the delivery queue).
  { id: '005_outbound', sql: outbound },
  { id: '006_outbound_attempts', sql: outboundAttempts },
  // Owned by src/nudges: nudges delivered by the queue.
  { id: '007_nudges_queue', sql: nudgesQueue },
  // Owned by src/activation: per-turn timings and coach errors.
  { id: '008_turn_metrics', sql: turnMetrics },
  // Owned by src/activation: roster segments.
  { id: '009_audience_segments', sql: segments },
  // Owned by src/outbound: the tenant's integration settings (PUT /v1/settings/integrations).
  { id: '010_integration_settings', sql: integrationSettings },
  // Owned by src/outbound: a session's last activity, for the abandonment sweep.
  { id: '011_session_activity', sql: sessionActivity },
  // Owned by src/activation: roster history, seeded from today's roster.
  { id: '012_audience_history', sql: audienceHistory },
  // Owned by src/export: the keyset paging keys of the warehouse export.
  { id: '013_export', sql: exportKeys },
];
