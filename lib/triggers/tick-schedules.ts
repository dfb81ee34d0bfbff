import type { Db } from "../db";
import { wakeWorkers } from "../engine/queue/queue";
import { createRunInTx, runInputProblem } from "../runs/start-run";
import { loadLiveDefinition } from "../automations/load-live-definition";
import { nextFireTimes } from "./next-fire-times";

/**
 * Fires every schedule that is due at `now`. A fire missed by more than the trigger's catch-up
 * window (the server was down) is dropped; otherwise it fires once, however many were missed. A
 * schedule whose previous run is still going is skipped unless it allows overlap. Rows are taken
 * with SKIP LOCKED, so workers ticking at once never fire one schedule twice.
 */
export async function tickSchedules(db: Db, now = new Date()) {
  const fired: { trigger_id: string; run_id: string }[] = [];
  const skipped: { trigger_id: string; reason: string }[] = [];
  await db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "trigger" WHERE kind = 'schedule' AND enabled AND "nextFireAt" <= ${now}
      ORDER BY "nextFireAt" LIMIT 200 FOR UPDATE SKIP LOCKED`;
    for (const { id } of due) {
      const t = (await tx.trigger.findUnique({ where: { id } }))!;
      const next = nextFireTimes(t.cron!, t.timezone ?? "UTC", now, 1)[0]!;
      const scheduledAt = t.nextFireAt!;
      await tx.trigger.update({ where: { id }, data: { nextFireAt: next } });
      const { automation, version, definition } = await loadLiveDefinition(tx, { workspaceId: t.workspaceId, automationId: t.automationId });
      let reason: string | null = null;
      if (automation.status !== "active") reason = `automation is ${automation.status}`;
      else if (!definition) reason = "automation has no published version";
      else if (now.getTime() - scheduledAt.getTime() > t.catchUpSeconds * 1000) reason = "missed by more than the catch-up window";
      else if (definition.steps.length === 0) reason = "automation has no steps";
      else if (!t.allowOverlap && (await tx.automationRun.count({ where: { automationId: t.automationId, status: { in: ["queued", "running", "waiting_for_approval"] } } })) > 0)
        reason = "previous run still in progress";
      if (reason || !definition) {
        skipped.push({ trigger_id: id, reason: reason ?? "automation has no published version" });
        continue;
      }
      // An input the parameters no longer take (one was renamed or made required) leaves a refused
      // run saying why: a throw here would roll back every due schedule's tick, again each minute.
      const input = t.input as Record<string, unknown>;
      const misfit = runInputProblem(definition, input);
      const runId = await createRunInTx(tx, {
        workspaceId: t.workspaceId,
        automationId: t.automationId,
        version: version!,
        definition,
        trigger: "schedule",
        triggerId: id,
        input,
        ...(misfit ? { refused: `Not started: the schedule's input does not fit the automation's parameters: ${misfit}` } : {}),
        // A catch-up run does the day it was due for, not the day it ran.
        logicalTime: scheduledAt,
      });
      await tx.trigger.update({ where: { id }, data: { lastFiredAt: now } });
      fired.push({ trigger_id: id, run_id: runId });
    }
  });
  if (fired.length) wakeWorkers();
  return { fired, skipped };
}

