import { z } from "zod";
import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { ZUpdateTrigger } from "./schemas";
import { nextFireTimes } from "./next-fire-times";
import { presentTrigger } from "./present-trigger";
import { getTriggerOrThrow } from "./get-trigger";
import { loadCurrentDefinition } from "../automations/load-current-definition";
import { checkTriggerInput } from "./trigger-input";

export async function updateTrigger(db: DbClient, { workspaceId, triggerId, body }: { workspaceId: string; triggerId: string; body: z.output<typeof ZUpdateTrigger> }) {
  const t = await getTriggerOrThrow(db, { workspaceId, triggerId });
  const scheduleFields = body.cron !== undefined || body.timezone !== undefined || body.catch_up_seconds !== undefined || body.allow_overlap !== undefined;
  if (scheduleFields && t.kind !== "schedule") throw new ApiError("validation_error", "cron, timezone, catch_up_seconds and allow_overlap apply to schedules only", { field: "body" });
  if (body.payload_parameter !== undefined && t.kind === "schedule") throw new ApiError("validation_error", "body.payload_parameter: schedules have no payload", { field: "body.payload_parameter" });
  if (body.input !== undefined || body.payload_parameter) {
    const { definition } = await loadCurrentDefinition(db, { workspaceId, automationId: t.automationId });
    checkTriggerInput(definition, { input: body.input, payloadParameter: body.payload_parameter });
  }
  const cron = body.cron ?? t.cron;
  const timezone = body.timezone ?? t.timezone ?? "UTC";
  const data = {
    ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    ...(body.input !== undefined ? { input: body.input as object } : {}),
    ...(body.payload_parameter !== undefined ? { payloadParameter: body.payload_parameter } : {}),
    ...(t.kind === "schedule"
      ? {
          cron,
          timezone,
          catchUpSeconds: body.catch_up_seconds ?? t.catchUpSeconds,
          allowOverlap: body.allow_overlap ?? t.allowOverlap,
          nextFireAt: nextFireTimes(cron!, timezone, new Date(), 1)[0],
        }
      : {}),
  };
  return presentTrigger(await db.trigger.update({ where: { id: t.id }, data }));
}
