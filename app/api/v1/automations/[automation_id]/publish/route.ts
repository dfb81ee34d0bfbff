import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { publishAutomation } from "@/lib/engine/publish-automation";
import { ZPublishBody } from "@/lib/automations/schemas";
import { ZPublishResult } from "@/lib/automations/responses";

// POST /api/v1/automations/{automation_id}/publish
export const POST = withWorkspace(
  ({ workspaceId, params, body, audited }) =>
    audited(
      (tx) => publishAutomation(tx, { workspaceId, automationId: params.automation_id, baseVersion: body.base_version, force: body.force }),
      (a) => ({ action: "automation.published", targetType: "automation", targetId: a.id, details: { version: a.live_version, previous: a.previous_live_version, forced: !!body.force } }),
    ),
  { summary: "Make the draft head the live version triggers run; a 422 lists what blocks it", params: ZAutomationParams, body: ZPublishBody, response: ZPublishResult },
);
