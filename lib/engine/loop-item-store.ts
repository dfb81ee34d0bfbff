import type { Db } from "../db";
import type { StepStatus } from "./plan";

// The rows of a looping step's items (step_item). Every write is conditional on the run still
// being the writer's and running, as the runner's step writes are.

export type ItemKey = { runId: string; stepKey: string; index: number };
export type ItemRow = { status: StepStatus; attempt: number; output: unknown; error: string | null };
type ItemWrite = {
  status: StepStatus;
  attempt: number;
  inputs?: unknown;
  output?: unknown;
  error?: string | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
};

/** Creates the rows of a loop's items that do not exist yet and returns every row, by index. */
export async function seedItems(db: Db, o: { runId: string; stepKey: string; count: number }): Promise<Map<number, ItemRow>> {
  if (o.count === 0) return new Map();
  // One statement: the insert's rows and the existing ones come back together.
  const rows = await db.$queryRaw<(ItemRow & { index: number })[]>`
    WITH ins AS (
      INSERT INTO step_item ("runId", "stepKey", "index")
      SELECT ${o.runId}, ${o.stepKey}, g FROM generate_series(0, ${o.count - 1}::int) g
      ON CONFLICT DO NOTHING
      RETURNING "index", status, attempt, output, error)
    SELECT "index", status, attempt, output, error FROM ins
    UNION ALL
    SELECT "index", status, attempt, output, error FROM step_item
     WHERE "runId" = ${o.runId} AND "stepKey" = ${o.stepKey} AND "index" < ${o.count}`;
  // The second branch reads the snapshot before the insert, so no row comes back twice.
  return new Map(rows.map((r) => [r.index, { status: r.status, attempt: r.attempt, output: r.output, error: r.error }]));
}

/**
 * Writes one item's state if `owner` still holds the run and it is running. An item that ended
 * also clears its step's interruptions: the loop made progress, so a crash after it is not the
 * step taking workers down in a row.
 */
export async function writeItem(db: Db, o: ItemKey & { owner: string; write: ItemWrite }): Promise<boolean> {
  const w = o.write;
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const rows = await db.$queryRaw<{ n: number }[]>`
    WITH i AS (
      UPDATE step_item it
         SET status = ${w.status}::"StepStatus", attempt = ${w.attempt},
             inputs = COALESCE(${json(w.inputs)}::jsonb, it.inputs), output = ${json(w.output)}::jsonb, error = ${w.error ?? null},
             "startedAt" = COALESCE(${w.startedAt ?? null}, it."startedAt"), "endedAt" = ${w.endedAt ?? null}
        FROM automation_run r
       WHERE it."runId" = ${o.runId} AND it."stepKey" = ${o.stepKey} AND it."index" = ${o.index}
         -- Rechecked on the row's newest version when a cancel got to it first (the run's row is not).
         AND it.status <> 'canceled'
         AND r.id = it."runId" AND r.status = 'running' AND r."leaseOwner" = ${o.owner}
      RETURNING 1),
    s AS (
      UPDATE step_run SET interruptions = 0
       WHERE "runId" = ${o.runId} AND "stepKey" = ${o.stepKey} AND ${w.status !== "running"}::boolean AND interruptions > 0
         AND EXISTS (SELECT 1 FROM i)
      RETURNING 1)
    SELECT (SELECT count(*) FROM i)::int AS n`;
  return rows[0]!.n > 0;
}
