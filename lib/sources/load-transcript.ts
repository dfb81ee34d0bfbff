import { ApiError } from "../errors";
import type { Transcript } from "../crystallize/types";
import type { DbClient } from "../db";
import { findRunOrThrow, findThreadOrThrow } from "./find-source";
import { toTranscript } from "./to-transcript";

export type SourceRef = { type: "agent_run"; id: string } | { type: "chat_thread"; id: string };

/**
 * Loads a run or thread as the crystallizer's timeline: each message, then the calls it made.
 * Refuses sources that are not finished (409) and unknown ids (404).
 */
export async function loadTranscript(db: DbClient, { workspaceId, source }: { workspaceId: string; source: SourceRef }): Promise<Transcript> {
  if (source.type === "agent_run") {
    const run = await findRunOrThrow(db, { workspaceId, runId: source.id });
    if (run.status === "running") throw new ApiError("conflict", `Agent run ${source.id} is still running; crystallize it once it has finished`);
    return toTranscript({ source, label: run.title ?? run.agentName, input: run.input ?? undefined }, run.messages, run.toolCalls);
  }
  const thread = await findThreadOrThrow(db, { workspaceId, threadId: source.id });
  if (thread.status === "active")
    throw new ApiError("conflict", `Chat thread ${source.id} has a tool call still running; crystallize it once it has finished`);
  return toTranscript({ source, label: thread.title }, thread.messages, thread.toolCalls);
}
