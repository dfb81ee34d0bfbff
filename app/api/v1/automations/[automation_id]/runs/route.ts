import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { getRunOrThrow } from "@/lib/runs/get-run";
import { listRuns } from "@/lib/runs/list-runs";
import { ZRunListQuery, ZStartRunBody } from "@/lib/runs/schemas";
import { loadCurrentDefinition } from "@/lib/automations/load-current-definition";
import { startRun } from "@/lib/runs/start-run";
import { ZRunDetail, ZRunPage } from "@/lib/runs/responses";
import { RUN_STARTED_ACTION } from "@/lib/approvals/presenters/add-approval-context";

// GET /api/v1/automations/{automation_id}/runs
export const GET = withWorkspace(
  async ({ db, workspaceId, params, query }) => {
    await loadCurrentDefinition(db, { workspaceId, automationId: params.automation_id }); // 404 for a foreign id
    return listRuns(db, { workspaceId, ...query, automationId: params.automation_id });
  },
  { summary: "The automation's runs, newest first", params: ZAutomationParams, query: ZRunListQuery, response: ZRunPage },
);

// POST /api/v1/automations/{automation_id}/runs
export const POST = withWorkspace(
  async ({ db, workspaceId, params, body, audit }) => {
    // Who started it is recorded with the run, so an approver later sees whose run waits.
    const runId = await startRun(db, {
      workspaceId,
      automationId: params.automation_id,
      trigger: "manual",
      input: body.input,
      version: body.version,
      alsoInTx: (tx, id) => audit(tx, { action: RUN_STARTED_ACTION, targetType: "automation_run", targetId: id, details: { automation_id: params.automation_id, version: body.version ?? null } }),
    });
    return getRunOrThrow(db, { workspaceId, runId });
  },
  { summary: "Run the automation now with input: the live version, or `version` (a draft too, with its real side effects)", params: ZAutomationParams, body: ZStartRunBody, response: ZRunDetail, status: 201 },
);
