import { withWorkspace } from "@/lib/api/handler";
import { ZVersionParams } from "@/lib/api/params";
import { ZVersion } from "@/lib/automations/schemas";
import { getVersionOrThrow } from "@/lib/automations/versions";

// GET /api/v1/automations/{automation_id}/versions/{version}
export const GET = withWorkspace(
  ({ db, workspaceId, params }) => getVersionOrThrow(db, { workspaceId, automationId: params.automation_id, version: params.version }),
  { summary: "One immutable version of the automation", params: ZVersionParams, response: ZVersion },
);
