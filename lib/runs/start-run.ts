import { ApiError } from "../errors";
import type { TDefinition } from "../automations/schemas";
import type { Db, DbClient } from "../db";
import { newId } from "../ids";
import { enqueueRun, wakeWorkers } from "../engine/queue/queue";
import { loadCurrentDefinition } from "../automations/load-current-definition";

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
  /** Steps copied as done from the run being retried: key → output. */
  reuse?: Map<string, unknown>;
  retryOf?: string;
};

/** Checks the run input against the declared parameters: types, and values no default covers. */
export function checkRunInput(def: TDefinition, input: Record<string, unknown>) {
  for (const p of def.parameters) {
    const has = Object.hasOwn(input, p.name);
    if (!has) continue;
    const v = input[p.name];
    const ok =
      p.type === "json" || (p.type === "string" && typeof v === "string") || (p.type === "number" && typeof v === "number") || (p.type === "boolean" && typeof v === "boolean");
    if (!ok) throw new ApiError("validation_error", `input.${p.name}: must be a ${p.type}`, { field: `input.${p.name}` });
  }
}

/**
 * Creates a run on the automation's current version, with one row per step, and queues it, all
 * in one transaction: the run exists exactly when its job does.
 */
export async function createRunInTx(tx: DbClient, a: StartRun & { version: number; definition: TDefinition }) {
  const id = newId("arun");
  const input = a.input ?? {};
  checkRunInput(a.definition, input);
  const now = new Date();
  const refused = a.refused ?? null;
  // Raw inserts: this is the hot path of every trigger, and one multi-row insert covers the steps.
  await tx.$executeRaw`
    INSERT INTO automation_run (id, "workspaceId", "automationId", version, status, trigger, "triggerId", input, error, "eventDepth", "chainId", "retryOf", "createdAt", "endedAt", "updatedAt")
    VALUES (${id}, ${a.workspaceId}, ${a.automationId}, ${a.version}, ${refused ? "canceled" : "queued"}::"AutomationRunStatus", ${a.trigger}, ${a.triggerId ?? null},
            ${JSON.stringify(input)}::jsonb, ${refused}, ${a.eventDepth ?? 0}, ${a.chainId ?? null}, ${a.retryOf ?? null}, ${now}, ${refused ? now : null}, ${now})`;
  const keys = a.definition.steps.map((s) => s.key);
  const reused = keys.map((k) => a.reuse?.has(k) ?? false);
  const outputs = keys.map((k) => (a.reuse?.has(k) ? JSON.stringify(a.reuse.get(k) ?? null) : null));
  await tx.$executeRaw`
    INSERT INTO step_run ("runId", "stepKey", status, reused, output, "startedAt", "endedAt")
    SELECT ${id}, k, CASE WHEN r THEN 'succeeded'::"StepStatus" WHEN ${refused !== null} THEN 'canceled'::"StepStatus" ELSE 'pending'::"StepStatus" END, r, o::jsonb,
           CASE WHEN r THEN ${now}::timestamp END, CASE WHEN r OR ${refused !== null} THEN ${now}::timestamp END
      FROM unnest(${keys}::text[], ${reused}::boolean[], ${outputs}::text[]) AS t(k, r, o)`;
  if (!refused) await enqueueRun(id, tx);
  return id;
}

/** `alsoInTx` writes with the run, in its transaction: a row that must exist if and only if the run does. */
export async function startRun(db: Db, a: StartRun & { requireActive?: boolean; alsoInTx?: (tx: DbClient, runId: string) => Promise<unknown> }) {
  const { automation, definition } = await loadCurrentDefinition(db, { workspaceId: a.workspaceId, automationId: a.automationId });
  if (a.requireActive && automation.status !== "active")
    throw new ApiError("conflict", `Automation ${a.automationId} is ${automation.status}: only active automations fire from triggers`);
  if (definition.steps.length === 0) throw new ApiError("unprocessable", "The automation has no steps to run", { field: "definition.steps" });
  const id = await db.$transaction(async (tx) => {
    const runId = await createRunInTx(tx, { ...a, version: automation.currentVersion, definition });
    await a.alsoInTx?.(tx, runId);
    return runId;
  });
  wakeWorkers();
  return id;
}
