import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { replayAgainstSource } from "@/lib/engine/replay";

// POST /api/v1/automations/{automation_id}/replay: dry-run against the source run, step by step
export const POST = withWorkspace(({ db, workspaceId, params }) => replayAgainstSource(db, workspaceId, params.automation_id), {
  params: ZAutomationParams,
});
