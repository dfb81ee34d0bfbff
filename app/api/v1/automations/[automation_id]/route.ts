import { actorLabel } from "@/lib/auth/actor";
import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { commitVersion } from "@/lib/automations/commit-version";
import { deleteAutomation } from "@/lib/automations/delete-automation";
import { getAutomationOrThrow } from "@/lib/automations/get-automation";
import { ZAutomation, ZUpdateAutomation } from "@/lib/automations/schemas";

// GET /api/v1/automations/{automation_id}
export const GET = withWorkspace(({ db, workspaceId, params }) => getAutomationOrThrow(db, { workspaceId, automationId: params.automation_id }), {
  summary: "The automation with its current definition",
  params: ZAutomationParams,
  response: ZAutomation,
});

// PATCH /api/v1/automations/{automation_id}
export const PATCH = withWorkspace(
  async ({ db, workspaceId, actor, params, body, audit }) => {
    const { definition } = body;
    const saved = await commitVersion(db, {
      alsoInTx: (tx, s) =>
        audit(tx, {
          action: definition ? "automation.version_created" : "automation.renamed",
          targetType: "automation",
          targetId: params.automation_id,
          details: { version: s.version, name: s.automation.name, ...(body.message ? { message: body.message } : {}) },
        }),
      workspaceId,
      automationId: params.automation_id,
      baseVersion: body.base_version,
      change: definition ? () => definition : undefined,
      name: body.name,
      description: body.description,
      author: actorLabel(actor),
      message: body.message ?? "Edited",
    });
    return saved.automation;
  },
  { summary: "Rename the automation, or save a new definition as its next version", params: ZAutomationParams, body: ZUpdateAutomation, response: ZAutomation },
);

// DELETE /api/v1/automations/{automation_id}
export const DELETE = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => deleteAutomation(tx, { workspaceId, automationId: params.automation_id }),
      () => ({ action: "automation.deleted", targetType: "automation", targetId: params.automation_id }),
    ),
  { summary: "Delete the automation with its versions", params: ZAutomationParams, status: 204 },
);
