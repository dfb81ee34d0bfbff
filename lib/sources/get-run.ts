import { ApiError } from "../api/errors";
import type { DbClient } from "../db";
import { presentMessage, presentRunSummary, presentToolCall } from "./present";

/** A run with its conversation and calls, scoped to the workspace: a foreign id is a 404. */
export async function getRunOrThrow(db: DbClient, { workspaceId, runId }: { workspaceId: string; runId: string }) {
  const run = await db.agentRun.findFirst({
    where: { id: runId, workspaceId },
    include: { messages: { orderBy: { position: "asc" } }, toolCalls: { orderBy: { position: "asc" } } },
  });
  if (!run) throw new ApiError("not_found", `Agent run ${runId} not found`);
  return {
    ...presentRunSummary(run),
    input: run.input,
    output: run.output,
    messages: run.messages.map(presentMessage),
    tool_calls: run.toolCalls.map(presentToolCall),
  };
}
