import { ApiError } from "../errors";
import { afterCursor, decodeCursor, PAGE_ORDER, toPage } from "../pagination";
import type { Db, DbClient } from "../db";
import type { AutomationRun, StepRun } from "../generated/prisma/client";
import { abortLocalRun } from "./queue/local-runs";
import { loadDefinition } from "../automations/load-definition";
import { wakeWorkers } from "./queue/queue";
import { createRunInTx } from "../runs/start-run";

const TERMINAL = ["succeeded", "failed", "canceled"];

export const presentRunSummary = (r: AutomationRun) => ({
  id: r.id,
  automation_id: r.automationId,
  version: r.version,
  status: r.status,
  trigger: r.trigger,
  trigger_id: r.triggerId,
  retry_of: r.retryOf,
  error: r.error,
  created_at: r.createdAt.toISOString(),
  started_at: r.startedAt?.toISOString() ?? null,
  ended_at: r.endedAt?.toISOString() ?? null,
  duration_ms: r.startedAt && r.endedAt ? r.endedAt.getTime() - r.startedAt.getTime() : null,
});

export const presentStepRun = (s: StepRun) => ({
  step_key: s.stepKey,
  status: s.status,
  attempts: s.attempt,
  inputs: s.inputs ?? null,
  output: s.output ?? null,
  error: s.error,
  reused: s.reused,
  next_attempt_at: s.nextAttemptAt?.toISOString() ?? null,
  started_at: s.startedAt?.toISOString() ?? null,
  ended_at: s.endedAt?.toISOString() ?? null,
  duration_ms: s.startedAt && s.endedAt ? s.endedAt.getTime() - s.startedAt.getTime() : null,
});

export async function getRunOrThrow(db: DbClient, workspaceId: string, runId: string) {
  const run = await db.automationRun.findFirst({ where: { id: runId, workspaceId }, include: { steps: true } });
  if (!run) throw new ApiError("not_found", `Run ${runId} not found`);
  const definition = await loadDefinition(db, { automationId: run.automationId, version: run.version });
  // Steps in definition order, so the run reads like the automation.
  const order = new Map(definition.steps.map((s, i) => [s.key, i]));
  const steps = [...run.steps].sort((a, b) => (order.get(a.stepKey) ?? 0) - (order.get(b.stepKey) ?? 0));
  const approvals = await db.approval.findMany({ where: { runId } });
  return {
    ...presentRunSummary(run),
    input: run.input,
    output: run.output ?? null,
    steps: steps.map(presentStepRun),
    approvals: approvals.map((a) => ({ id: a.id, step_key: a.stepKey, status: a.status })),
  };
}

export async function listRuns(
  db: DbClient,
  q: { workspaceId: string; automationId?: string; status?: string; limit: number; cursor?: string },
) {
  const rows = await db.automationRun.findMany({
    where: {
      workspaceId: q.workspaceId,
      ...(q.automationId ? { automationId: q.automationId } : {}),
      ...(q.status ? { status: q.status as AutomationRun["status"] } : {}),
      ...afterCursor(decodeCursor(q.cursor)),
    },
    orderBy: PAGE_ORDER,
    take: q.limit + 1,
    include: { automation: { select: { name: true } } },
  });
  return toPage(rows, q.limit, (r) => ({ ...presentRunSummary(r), automation_name: r.automation.name }));
}

/** Cancels a run that has not ended: its steps stop at their next write, gates close. */
export async function cancelRun(db: Db, workspaceId: string, runId: string) {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const run = await tx.automationRun.findFirst({ where: { id: runId, workspaceId }, select: { status: true } });
    if (!run) throw new ApiError("not_found", `Run ${runId} not found`);
    if (TERMINAL.includes(run.status)) throw new ApiError("conflict", `Run ${runId} has already ${run.status === "canceled" ? "been canceled" : run.status}`);
    await tx.automationRun.update({ where: { id: runId }, data: { status: "canceled", endedAt: now, error: "canceled" } });
    await tx.stepRun.updateMany({ where: { runId, status: { in: ["pending", "running", "waiting"] } }, data: { status: "canceled", endedAt: now } });
    await tx.approval.updateMany({ where: { runId, status: "pending" }, data: { status: "canceled", decidedAt: now } });
  });
  abortLocalRun(runId);
  return getRunOrThrow(db, { workspaceId, runId });
}

/**
 * Re-runs a failed (or canceled) run from where it stopped: a new run on the same version whose
 * succeeded steps are copied with their outputs, so only the failed step and what follows run.
 */
export async function retryRun(db: Db, workspaceId: string, runId: string) {
  const run = await db.automationRun.findFirst({ where: { id: runId, workspaceId }, include: { steps: true } });
  if (!run) throw new ApiError("not_found", `Run ${runId} not found`);
  if (run.status !== "failed" && run.status !== "canceled") throw new ApiError("conflict", `Only failed or canceled runs can be retried; run ${runId} is ${run.status}`);
  const definition = await loadDefinition(db, { automationId: run.automationId, version: run.version });
  const reuse = new Map(run.steps.filter((s) => s.status === "succeeded").map((s) => [s.stepKey, s.output]));
  const id = await db.$transaction((tx) =>
    createRunInTx(tx, {
      workspaceId,
      automationId: run.automationId,
      version: run.version,
      definition,
      trigger: "retry",
      input: run.input as Record<string, unknown>,
      reuse,
      retryOf: run.id,
      eventDepth: run.eventDepth,
    }),
  );
  wakeWorkers();
  return getRunOrThrow(db, { workspaceId, runId: id });
}

