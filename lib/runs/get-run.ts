import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { loadDefinition } from "../automations/load-definition";
import { presentRunSummary, presentStepRun } from "./present-run";

export async function getRunOrThrow(db: DbClient, { workspaceId, runId }: { workspaceId: string; runId: string }) {
  const run = await db.automationRun.findFirst({ where: { id: runId, workspaceId }, include: { steps: true, items: { orderBy: { index: "asc" } } } });
  if (!run) throw new ApiError("not_found", `Run ${runId} not found`);
  const definition = await loadDefinition(db, { automationId: run.automationId, version: run.version });
  // Steps in definition order, so the run reads like the automation.
  const order = new Map(definition.steps.map((s, i) => [s.key, i]));
  const steps = [...run.steps].sort((a, b) => (order.get(a.stepKey) ?? 0) - (order.get(b.stepKey) ?? 0));
  const approvals = await db.approval.findMany({ where: { runId } });
  const itemsByStep = new Map<string, typeof run.items>();
  for (const item of run.items) {
    const list = itemsByStep.get(item.stepKey);
    if (list) list.push(item);
    else itemsByStep.set(item.stepKey, [item]);
  }
  return {
    ...presentRunSummary(run),
    input: run.input,
    output: run.output ?? null,
    steps: steps.map((s) => presentStepRun(s, itemsByStep.get(s.stepKey))),
    approvals: approvals.map((a) => ({ id: a.id, step_key: a.stepKey, status: a.status })),
  };
}
