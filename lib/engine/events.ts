import type { Db, DbClient } from "../db";
import { wakeWorkers } from "./queue";
import { createRunInTx, loadCurrentDefinition } from "./start-run";

// Events start every active automation subscribed to their name. The engine emits
// automation.run.succeeded / automation.run.failed, so automations can chain; a chain longer than
// MAX_EVENT_DEPTH stops, so two automations that trigger each other cannot loop forever.

export const MAX_EVENT_DEPTH = 8;

type Event = { workspaceId: string; name: string; payload: Record<string, unknown>; depth?: number };

/** Starts the subscribed runs inside `tx`: they exist exactly when what caused the event does. */
export async function emitEventInTx(tx: DbClient, e: Event) {
  const depth = e.depth ?? 0;
  const runs: { trigger_id: string; automation_id: string; run_id: string }[] = [];
  if (depth > MAX_EVENT_DEPTH) return { runs, dropped: `event chain deeper than ${MAX_EVENT_DEPTH}` };
  const triggers = await tx.trigger.findMany({
    where: { workspaceId: e.workspaceId, kind: "event", eventName: e.name, enabled: true, automation: { status: "active" } },
    orderBy: { createdAt: "asc" },
  });
  for (const t of triggers) {
    const { automation, definition } = await loadCurrentDefinition(tx, e.workspaceId, t.automationId);
    if (definition.steps.length === 0) continue;
    const runId = await createRunInTx(tx, {
      workspaceId: e.workspaceId,
      automationId: t.automationId,
      version: automation.currentVersion,
      definition,
      trigger: "event",
      triggerId: t.id,
      input: { ...(t.input as object), ...e.payload },
      eventDepth: depth,
    });
    runs.push({ trigger_id: t.id, automation_id: t.automationId, run_id: runId });
  }
  return { runs };
}

export async function hasSubscribers(db: DbClient, workspaceId: string, name: string) {
  return (await db.trigger.count({ where: { workspaceId, kind: "event", eventName: name, enabled: true } })) > 0;
}

export async function emitEvent(db: Db, e: Event) {
  const out = await db.$transaction((tx) => emitEventInTx(tx, e));
  if (out.runs.length) wakeWorkers();
  return out;
}

export const runEvent = (r: { workspaceId: string; automationId: string; runId: string; status: "succeeded" | "failed"; output: unknown; error: string | null; eventDepth: number }): Event => ({
  workspaceId: r.workspaceId,
  name: `automation.run.${r.status}`,
  payload: { automation_id: r.automationId, run_id: r.runId, status: r.status, output: r.output, error: r.error },
  depth: r.eventDepth + 1,
});
