import type { DbClient } from "../../db";
import { loadDefinition } from "../../automations/load-definition";
import { resolveParameters, type StepState } from "../../engine/plan";
import { describeRunStart } from "./describe-run-start";
import type { presentApproval } from "../present-approval";
import { resolveGatedSteps } from "./resolve-gated-steps";

type Presented = ReturnType<typeof presentApproval>;

/** Audit action written when someone starts a run by hand, read back as the run's starter. */
export const RUN_STARTED_ACTION = "automation.run_started";

/**
 * What an approver needs beside the gate's message: the automation by name, the run and who or
 * what started it, and the steps the gate holds back with their inputs as far as they are known.
 * Everything is read inside the workspace, a page of approvals at a time.
 */
export async function addApprovalContext(db: DbClient, { workspaceId, approvals }: { workspaceId: string; approvals: Presented[] }) {
  if (approvals.length === 0) return [];
  const runIds = [...new Set(approvals.map((a) => a.run_id))];
  const [runs, automations] = await Promise.all([
    db.automationRun.findMany({ where: { workspaceId, id: { in: runIds } }, include: { steps: true } }),
    db.automation.findMany({ where: { workspaceId, id: { in: [...new Set(approvals.map((a) => a.automation_id))] } }, select: { id: true, name: true } }),
  ]);
  const triggerIds = [...new Set(runs.flatMap((r) => (r.triggerId ? [r.triggerId] : [])))];
  const manual = runs.filter((r) => r.trigger === "manual").map((r) => r.id);
  const [triggers, starts] = await Promise.all([
    triggerIds.length ? db.trigger.findMany({ where: { workspaceId, id: { in: triggerIds } }, select: { id: true, kind: true, cron: true, timezone: true, eventName: true } }) : [],
    manual.length ? db.auditEvent.findMany({ where: { workspaceId, action: RUN_STARTED_ACTION, targetId: { in: manual } }, select: { targetId: true, actor: true, actorName: true } }) : [],
  ]);
  const runById = new Map(runs.map((r) => [r.id, r]));
  const nameById = new Map(automations.map((a) => [a.id, a.name]));
  const triggerById = new Map(triggers.map((t) => [t.id, t]));
  const startById = new Map(starts.map((s) => [s.targetId, s]));

  return Promise.all(
    approvals.map(async (a) => {
      const run = runById.get(a.run_id);
      const automation = { id: a.automation_id, name: nameById.get(a.automation_id) ?? null };
      if (!run) return { ...a, automation, run: null, gated_steps: [] };
      const def = await loadDefinition(db, { automationId: run.automationId, version: run.version });
      const states = new Map<string, StepState & { inputs?: unknown }>(
        run.steps.map((s) => [s.stepKey, { status: s.status, attempt: s.attempt, output: s.output, error: s.error, inputs: s.inputs }]),
      );
      const input = run.input && typeof run.input === "object" && !Array.isArray(run.input) ? (run.input as Record<string, unknown>) : {};
      const gated = await resolveGatedSteps({ def, gateKey: a.step_key, states, params: resolveParameters(def, input), now: run.logicalTime ?? run.createdAt });
      return {
        ...a,
        automation,
        run: {
          id: run.id,
          status: run.status,
          version: run.version,
          created_at: run.createdAt.toISOString(),
          started_by: describeRunStart({ trigger: run.trigger, triggerId: run.triggerId, retryOf: run.retryOf, triggerRow: run.triggerId ? triggerById.get(run.triggerId) : null, startedBy: startById.get(run.id) }),
        },
        gated_steps: gated,
      };
    }),
  );
}

/** One approval with its context: what a decision answers. */
export async function addOneApprovalContext(db: DbClient, { workspaceId, approval }: { workspaceId: string; approval: Presented }) {
  return (await addApprovalContext(db, { workspaceId, approvals: [approval] }))[0]!;
}
