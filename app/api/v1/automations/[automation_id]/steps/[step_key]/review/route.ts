import { z } from "zod";
import { actorLabel } from "@/lib/auth/actor";
import { withWorkspace } from "@/lib/api/handler";
import { ZStepParams } from "@/lib/api/params";
import { reviewStep } from "@/lib/automations/review-step";
import { ZAutomation } from "@/lib/automations/schemas";

// POST /api/v1/automations/{automation_id}/steps/{step_key}/review
export const POST = withWorkspace(
  ({ db, workspaceId, actor, params, body, audit }) =>
    reviewStep(db, {
      workspaceId,
      automationId: params.automation_id,
      stepKey: params.step_key,
      reviewer: actorLabel(actor),
      baseVersion: body.base_version,
      alsoInTx: (tx, s) =>
        audit(tx, { action: "automation.step_reviewed", targetType: "automation", targetId: params.automation_id, details: { step_key: params.step_key, version: s.version } }),
    }),
  { summary: "Mark a step flagged as non-deterministic as reviewed", params: ZStepParams, body: z.object({ base_version: z.number().int().positive().optional() }).default({}), response: ZAutomation },
);
