import { z } from "zod";
import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { ZVersionSummary } from "@/lib/automations/schemas";
import { listVersions } from "@/lib/automations/versions";

// GET /api/v1/automations/{automation_id}/versions
export const GET = withWorkspace(({ db, workspaceId, params }) => listVersions(db, { workspaceId, automationId: params.automation_id }), {
  summary: "Every version of the automation, newest first",
  params: ZAutomationParams,
  response: z.object({ data: z.array(ZVersionSummary) }),
});
