/**
 * Event batches that arrive together share one insert statement (a group commit), because under
 * load the database's cost per statement, not per event, is what ingest pays (docs/benchmarks.md
 * §6). At most `inFlight` statements run at once; a batch arriving meanwhile waits and goes into
 * the next statement with every batch waiting beside it. Each caller resolves only after the
 * statement holding its batch has committed, so an acknowledged event is durable as before. A
 * shared statement that fails is retried batch by batch, so one batch's fault fails only its caller.
 */
import type { ActivationEvent, EventsAccepted } from '@inflow/contract';
import type { Db } from './db.js';
import { jsonb } from './jsonb.js';

/** Who writes: the verified token's tenant, user and team (the store's writes all take one). */
export interface Caller {
  tenant: string;
  user: string;
  team: string | null;
}

interface Pending {
  caller: Caller;
  events: ActivationEvent[];
  resolve: (result: EventsAccepted) => void;
  reject: (error: unknown) => void;
}

/** Bounds one statement's parameter: 20 full batches of the route's largest (500 events). */
const MAX_EVENTS_PER_STATEMENT = 10_000;

// Rows go in in arrival order, so the first occurrence of a (tenant, id) is the one stored; the
// returned keys are then counted for the first batch holding each (#statement), as if the batches
// had been inserted one after another. Counting in SQL instead (a join and a sort) was slower.
const INSERT_SQL = `insert into events (tenant, id, name, at, "user", team, session_id, scenario, source, props)
  select e.tenant, e.id, e.name, e.at, e."user", e.team, e."sessionId", e.scenario, e.source, e.props
  from jsonb_to_recordset($1::jsonb) as e(tenant text, "user" text, team text,
    id uuid, name text, at timestamptz, "sessionId" uuid, scenario text, source text, props jsonb)
  on conflict (tenant, id) do nothing
  returning tenant, id::text`;

export class EventInserts {
  readonly #db: Pick<Db, 'query'>;
  readonly #inFlight: number;
  #waiting: Pending[] = [];
  #running = 0;

  constructor(db: Pick<Db, 'query'>, inFlight: number) {
    this.#db = db;
    this.#inFlight = inFlight;
  }

  insert(caller: Caller, events: ActivationEvent[]): Promise<EventsAccepted> {
    if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.#waiting.push({ caller, events, resolve, reject });
      this.#start();
    });
  }

  #start(): void {
    while (this.#running < this.#inFlight && this.#waiting.length > 0) {
      const group: Pending[] = [this.#waiting.shift()!];
      let size = group[0]!.events.length;
      while (this.#waiting.length > 0 && size + this.#waiting[0]!.events.length <= MAX_EVENTS_PER_STATEMENT) {
        size += this.#waiting[0]!.events.length;
        group.push(this.#waiting.shift()!);
      }
      this.#running++;
      void this.#run(group).finally(() => {
        this.#running--;
        this.#start();
      });
    }
  }

  async #run(group: Pending[]): Promise<void> {
    try {
      const accepted = await this.#statement(group);
      group.forEach((p, b) => {
        const n = accepted.get(b) ?? 0;
        p.resolve({ accepted: n, duplicates: p.events.length - n });
      });
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const p of group) await this.#run([p]);
    }
  }

  async #statement(group: Pending[]): Promise<Map<number, number>> {
    const rows = group.flatMap(({ caller, events }) =>
      events.map((e) => ({ ...e, tenant: caller.tenant, user: caller.user, team: caller.team })),
    );
    const stored = await this.#db.query<{ tenant: string; id: string }>(INSERT_SQL, [jsonb(rows)]);
    const fresh = new Set(stored.map((r) => `${r.tenant} ${r.id}`));
    const counts = new Map<number, number>();
    group.forEach(({ caller, events }, b) => {
      let n = 0;
      for (const e of events) if (fresh.delete(`${caller.tenant} ${e.id.toLowerCase()}`)) n++;
      counts.set(b, n);
    });
    return counts;
  }
}
