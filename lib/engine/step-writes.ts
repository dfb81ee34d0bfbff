import { Prisma } from "../generated/prisma/client";
import type { StepStatus } from "./plan";

export type StepWrite = {
  status: StepStatus;
  attempt: number;
  inputs?: unknown;
  output?: unknown;
  error?: string | null;
  nextAttemptAt?: Date | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
};

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const time = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * One UPDATE that writes several steps of a run, each only while the run is still `owner`'s and
 * running (its row count says how many were). An attempt that ended (any state but running)
 * resets the step's interruptions: it was not cut off.
 */
export function stepWritesSql(runId: string, owner: string, writes: [string, StepWrite][]): Prisma.Sql {
  const col = <T>(f: (w: StepWrite) => T) => writes.map(([, w]) => f(w));
  return Prisma.sql`
    UPDATE step_run s
       SET status = v.status::"StepStatus", attempt = v.attempt,
           inputs = COALESCE(v.inputs::jsonb, s.inputs), output = v.output::jsonb, error = v.error,
           "nextAttemptAt" = v.next::timestamp(3), "startedAt" = COALESCE(v.started::timestamp(3), s."startedAt"), "endedAt" = v.ended::timestamp(3),
           interruptions = CASE WHEN v.status = 'running' THEN s.interruptions ELSE 0 END
      FROM unnest(${writes.map(([k]) => k)}::text[], ${col((w) => w.status)}::text[], ${col((w) => w.attempt)}::int4[],
                  ${col((w) => json(w.inputs))}::text[], ${col((w) => json(w.output))}::text[], ${col((w) => w.error ?? null)}::text[],
                  ${col((w) => time(w.nextAttemptAt))}::text[], ${col((w) => time(w.startedAt))}::text[], ${col((w) => time(w.endedAt))}::text[])
             AS v(key, status, attempt, inputs, output, error, next, started, ended),
           automation_run r
     WHERE s."runId" = ${runId} AND s."stepKey" = v.key
       -- Rechecked on the row's newest version when a cancel got to it first (the run's row is not).
       AND s.status <> 'canceled'
       AND r.id = s."runId" AND r.status = 'running' AND r."leaseOwner" = ${owner}`;
}
