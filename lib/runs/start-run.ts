import { DateTime } from "luxon";
import { ApiError } from "../errors";
import type { TDefinition } from "../automations/schemas";
import type { Db, DbClient } from "../db";
import { newId } from "../ids";
import { config } from "../config";
import { enqueueRun, reserveLocalRun, wakeWorkers, type FreshRun } from "../engine/queue/queue";
import { Prisma } from "../generated/prisma/client";
import { WORKER_ID } from "../engine/queue/worker-id";
import { loadCurrentDefinition } from "../automations/load-current-definition";
import { loadDefinition } from "../automations/load-definition";
import { loadLiveDefinition } from "../automations/load-live-definition";

export type RunTrigger = "manual" | "schedule" | "webhook" | "event" | "retry";

export type StartRun = {
  workspaceId: string;
  automationId: string;
  trigger: RunTrigger;
  triggerId?: string | null;
  input?: Record<string, unknown>;
  eventDepth?: number;
  /** The event chain an event-started run belongs to. */
  chainId?: string;
  /** Set when a bound refused the run: it is recorded as canceled with this reason, and never queued. */
  refused?: string;
  /** The run's "now" when not the time it is created: a schedule's fire time. */
  logicalTime?: Date;
  /** Steps copied as done from the run being retried: key → output. */
  reuse?: Map<string, unknown>;
  retryOf?: string;
};

const inputError = (key: string, message: string) => new ApiError("validation_error", `input.${key}: ${message}`, { field: `input.${key}` });

/**
 * Checks a run's input against the declared parameters, so nothing a caller sends is silently
 * ignored: every key names a parameter (or is `now`), each value has its parameter's type, and
 * a required parameter without a default has a value. Returns the run's logical time when the
 * input sets one.
 */
export function checkRunInput(def: TDefinition, input: Record<string, unknown>): Date | undefined {
  const declared = new Map(def.parameters.map((p) => [p.name, p]));
  let now: Date | undefined;
  for (const [key, v] of Object.entries(input)) {
    if (key === "now") {
      now = parseLogicalTime(v) ?? undefined;
      if (!now) throw inputError(key, "must be an ISO 8601 instant with a zone, such as 2026-07-01T06:00:00Z: it sets the run's logical time");
      continue;
    }
    const p = declared.get(key);
    if (!p) {
      const names = def.parameters.map((d) => d.name);
      throw inputError(key, `is not a parameter of this automation (${names.length ? `it takes ${names.join(", ")}` : "it takes none"}; add one in the editor's Parameters panel)`);
    }
    const ok = p.type === "json" || typeof v === p.type;
    if (!ok) throw inputError(key, `must be a ${p.type}`);
  }
  for (const p of def.parameters)
    if (p.required && p.default === undefined && !Object.hasOwn(input, p.name)) throw inputError(p.name, "is required");
  return now;
}

/** What checkRunInput would refuse, in words; null when the input fits. For triggers, which record a refused run instead. */
export function runInputProblem(def: TDefinition, input: Record<string, unknown>): string | null {
  try {
    checkRunInput(def, input);
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err.message;
    throw err;
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A run's `now`: an ISO instant with a zone, read strictly (no 30 February, no 24:00); else null. */
export function parseLogicalTime(v: unknown): Date | null {
  if (typeof v !== "string" || !ISO_INSTANT.test(v)) return null;
  const at = DateTime.fromISO(v, { setZone: true });
  return at.isValid && at.hour < 24 ? at.toJSDate() : null;
}

/**
 * Creates a run on the automation's current version, with one row per step, and queues it, all
 * in one transaction: the run exists exactly when its job does.
 */
export async function createRunInTx(tx: DbClient, a: StartRun & { version: number; definition: TDefinition }) {
  return (await insertRun(tx, a)).id;
}

/** A webhook delivery's signature, recorded with the run it started (see receiveWebhook). */
export type Delivery = { triggerId: string; signature: string };

/**
 * Writes the run, its steps and its delivery in one statement. `leaseOwner`: the run is created
 * running and leased to that worker, which starts it at once; it has no queue job (see
 * reserveLocalRun). Otherwise its job is queued with it, so `tx` must then be a transaction.
 */
async function insertRun(tx: DbClient, a: StartRun & { version: number; definition: TDefinition; leaseOwner?: string; delivery?: Delivery }) {
  const id = newId("arun");
  const input = a.input ?? {};
  // A refused run records what was sent, fitting or not; it never runs.
  const explicitNow = a.refused ? undefined : checkRunInput(a.definition, input);
  const now = new Date();
  const logicalTime = explicitNow ?? a.logicalTime ?? now;
  const refused = a.refused ?? null;
  const status = refused ? "canceled" : a.leaseOwner ? "running" : "queued";
  const leaseOwner = refused ? null : (a.leaseOwner ?? null);
  const keys = a.definition.steps.map((s) => s.key);
  const reused = keys.map((k) => a.reuse?.has(k) ?? false);
  const outputs = keys.map((k) => (a.reuse?.has(k) ? JSON.stringify(a.reuse.get(k) ?? null) : null));
  const delivery = a.delivery
    ? Prisma.sql`, delivery AS (INSERT INTO webhook_delivery ("triggerId", signature, "runId", "createdAt") SELECT ${a.delivery.triggerId}, ${a.delivery.signature}, run.id, ${now} FROM run)`
    : Prisma.empty;
  // Raw, and the run with everything it owns in one statement: this is the hot path of every trigger.
  await tx.$executeRaw`
    WITH run AS (
      INSERT INTO automation_run (id, "workspaceId", "automationId", version, status, trigger, "triggerId", input, error, "eventDepth", "chainId", "retryOf", "logicalTime",
                                  "createdAt", "startedAt", "endedAt", "updatedAt", "leaseOwner", "leaseExpiresAt")
      VALUES (${id}, ${a.workspaceId}, ${a.automationId}, ${a.version}, ${status}::"AutomationRunStatus", ${a.trigger}, ${a.triggerId ?? null},
              ${JSON.stringify(input)}::jsonb, ${refused}, ${a.eventDepth ?? 0}, ${a.chainId ?? null}, ${a.retryOf ?? null}, ${logicalTime},
              ${now}, ${leaseOwner ? now : null}, ${refused ? now : null}, ${now}, ${leaseOwner}, ${leaseOwner ? new Date(now.getTime() + config.runLeaseMs) : null})
      RETURNING id)${delivery}
    INSERT INTO step_run ("runId", "stepKey", status, reused, output, "startedAt", "endedAt")
    SELECT run.id, k, CASE WHEN r THEN 'succeeded'::"StepStatus" WHEN ${refused !== null} THEN 'canceled'::"StepStatus" ELSE 'pending'::"StepStatus" END, r, o::jsonb,
           CASE WHEN r THEN ${now}::timestamp END, CASE WHEN r OR ${refused !== null} THEN ${now}::timestamp END
      FROM run, unnest(${keys}::text[], ${reused}::boolean[], ${outputs}::text[]) AS t(k, r, o)`;
  if (!refused && !leaseOwner) await enqueueRun(id, tx);
  const fresh: FreshRun = {
    id,
    workspaceId: a.workspaceId,
    automationId: a.automationId,
    version: a.version,
    input,
    eventDepth: a.eventDepth ?? 0,
    chainId: a.chainId ?? null,
    logicalTime,
    definition: a.definition,
  };
  return { id, fresh };
}

/** What a trigger's run needs of its automation, when the caller read it already (with the trigger). */
type LiveState = { status: string; liveVersion: number | null };

/**
 * Which version a run executes. Triggers (`requireActive`) run the live version, never a draft.
 * A manual run names a version, or runs the live one when there is one and the draft head when
 * nothing was published yet (a test run of a new automation).
 */
async function versionToRun(db: Db, a: { workspaceId: string; automationId: string; requireActive?: boolean; version?: number; automation?: LiveState }) {
  if (a.requireActive) {
    const { status, liveVersion } = a.automation ?? (await loadLiveDefinition(db, a)).automation;
    if (status !== "active") throw new ApiError("conflict", `Automation ${a.automationId} is ${status}: only active automations fire from triggers`);
    if (liveVersion === null) throw new ApiError("conflict", `Automation ${a.automationId} has no published version: publish it first`);
    return { version: liveVersion, definition: await loadDefinition(db, { automationId: a.automationId, version: liveVersion }) };
  }
  const { automation, definition } = await loadCurrentDefinition(db, a);
  const version = a.version ?? automation.liveVersion ?? automation.currentVersion;
  if (version > automation.currentVersion)
    throw new ApiError("validation_error", `version: ${version} does not exist; the newest is ${automation.currentVersion}`, { field: "version" });
  return { version, definition: version === automation.currentVersion ? definition : await loadDefinition(db, { automationId: a.automationId, version }) };
}

/**
 * Creates a run and has it executed: here and at once when this process has a free worker,
 * otherwise queued. `delivery` is written with the run, and `alsoInTx` in its transaction: each
 * exists exactly when the run does.
 * `beforeStart` sees the run's id before anything can execute it.
 */
export async function startRun(
  db: Db,
  a: StartRun & {
    requireActive?: boolean;
    version?: number;
    automation?: LiveState;
    delivery?: Delivery;
    alsoInTx?: (tx: DbClient, runId: string) => Promise<unknown>;
    beforeStart?: (runId: string) => void;
  },
) {
  const { version, definition } = await versionToRun(db, a);
  if (definition.steps.length === 0) throw new ApiError("unprocessable", "The automation has no steps to run", { field: "definition.steps" });
  // Retries carry finished steps over; they go through the queue, like every resumed run.
  const local = a.reuse?.size || a.refused ? null : reserveLocalRun();
  try {
    const write = (c: DbClient) => insertRun(c, { ...a, version, definition, leaseOwner: local ? WORKER_ID : undefined });
    // Started here and with nothing else to write, the run is one statement; otherwise a
    // transaction, with its queue job or the caller's rows.
    const created =
      local && !a.alsoInTx
        ? await write(db)
        : await db.$transaction(async (tx) => {
            const run = await write(tx);
            await a.alsoInTx?.(tx, run.id);
            return run;
          });
    a.beforeStart?.(created.id);
    if (local) local.start(created.fresh);
    else wakeWorkers();
    return created.id;
  } finally {
    local?.release();
  }
}
