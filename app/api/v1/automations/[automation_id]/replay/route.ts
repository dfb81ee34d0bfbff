import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { replayAgainstSource } from "@/lib/engine/replay";
import { ZReplayReport } from "@/lib/automations/responses";

// POST /api/v1/automations/{automation_id}/replay
export const POST = withWorkspace(({ db, workspaceId, params }) => replayAgainstSource(db, { workspaceId, automationId: params.automation_id }), {
  summary: "Dry-run the automation against its source run, step by step; nothing is stored and no side effect happens",
  params: ZAutomationParams,
  response: ZReplayReport,
});
