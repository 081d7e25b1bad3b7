/**
 * Queries over `scenarios`: one row per stored version of a tenant's authored scenario. Versions
 * are never rewritten; only their status changes when the scenario is archived. Every query is
 * scoped by tenant, so another tenant's id reads exactly like an unknown one.
 */
import {
  DEFAULT_PASS_THRESHOLD,
  type AuthoredScenario,
  type ScenarioInput,
  type ScenarioStatus,
} from '@inflow/contract';
import type { Db } from '../store/db.js';
import { jsonb } from '../store/jsonb.js';

interface Row {
  id: string;
  version: number;
  status: ScenarioStatus;
  body: Omit<ScenarioInput, 'status'>;
  updated_at: Date | string;
}

const COLUMNS = `id, version, status, body, updated_at`;

function toScenario(r: Row): AuthoredScenario {
  return {
    ...r.body,
    id: r.id,
    passThreshold: r.body.passThreshold ?? DEFAULT_PASS_THRESHOLD,
    version: r.version,
    status: r.status,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';

export class ScenarioStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores the next version (1 when the id is new). Two concurrent writers cannot take the same
   * number: the primary key refuses the second, which then retries with the next one.
   */
  async put(
    tenant: string,
    id: string,
    input: ScenarioInput,
  ): Promise<{ created: boolean; scenario: AuthoredScenario }> {
    const { status = 'draft', ...body } = input;
    const stored = { ...body, passThreshold: body.passThreshold ?? DEFAULT_PASS_THRESHOLD };
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await this.db.query<Row>(
          `insert into scenarios (tenant, id, version, status, body)
           select $1, $2, coalesce(max(version), 0) + 1, $3, $4::jsonb from scenarios where tenant = $1 and id = $2
           returning ${COLUMNS}`,
          [tenant, id, status, jsonb(stored)],
        );
        const row = rows[0]!;
        return { created: row.version === 1, scenario: toScenario(row) };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 4) throw error;
      }
    }
  }

  /** The latest version, whatever its status. */
  async latest(tenant: string, id: string): Promise<AuthoredScenario | undefined> {
    const rows = await this.db.query<Row>(
      `select ${COLUMNS} from scenarios where tenant = $1 and id = $2 order by version desc limit 1`,
      [tenant, id],
    );
    return rows[0] && toScenario(rows[0]);
  }

  /** The version a session is pinned to, whatever has happened to the scenario since. */
  async version(tenant: string, id: string, version: number): Promise<AuthoredScenario | undefined> {
    const rows = await this.db.query<Row>(
      `select ${COLUMNS} from scenarios where tenant = $1 and id = $2 and version = $3`,
      [tenant, id, version],
    );
    return rows[0] && toScenario(rows[0]);
  }

  /** Every version, newest first. */
  async versions(tenant: string, id: string): Promise<AuthoredScenario[]> {
    const rows = await this.db.query<Row>(
      `select ${COLUMNS} from scenarios where tenant = $1 and id = $2 order by version desc`,
      [tenant, id],
    );
    return rows.map(toScenario);
  }

  /**
   * What a session may start on: the latest published version, or with `drafts` (an admin's
   * preview) the latest version that is not archived.
   */
  async playable(tenant: string, id: string, drafts: boolean): Promise<AuthoredScenario | undefined> {
    const rows = await this.db.query<Row>(
      `select ${COLUMNS} from scenarios where tenant = $1 and id = $2 and status = any($3::text[]) order by version desc limit 1`,
      [tenant, id, drafts ? ['draft', 'published'] : ['published']],
    );
    return rows[0] && toScenario(rows[0]);
  }

  /** One query: per scenario, the version `playable` would pick. */
  async listPlayable(tenant: string, drafts: boolean): Promise<AuthoredScenario[]> {
    const rows = await this.db.query<Row>(
      `select distinct on (id) ${COLUMNS} from scenarios where tenant = $1 and status = any($2::text[]) order by id, version desc`,
      [tenant, drafts ? ['draft', 'published'] : ['published']],
    );
    return rows.map(toScenario);
  }

  /** Archives every version (no new sessions); returns the latest, or undefined for an unknown id. */
  async archive(tenant: string, id: string): Promise<AuthoredScenario | undefined> {
    await this.db.query(
      `update scenarios set status = 'archived', updated_at = now() where tenant = $1 and id = $2 and status <> 'archived'`,
      [tenant, id],
    );
    return this.latest(tenant, id);
  }
}
