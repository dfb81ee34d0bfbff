import type { DbClient } from "../db";
import { findRunOrThrow } from "./find-source";
import { presentMessage, presentRunSummary, presentToolCall } from "./present";

/** A run with its conversation and calls, scoped to the workspace: a foreign id is a 404. */
export async function getRunOrThrow(db: DbClient, ids: { workspaceId: string; runId: string }) {
  const run = await findRunOrThrow(db, ids);
  return {
    ...presentRunSummary(run),
    input: run.input,
    output: run.output,
    messages: run.messages.map(presentMessage),
    tool_calls: run.toolCalls.map(presentToolCall),
  };
}
