import { ApiError } from "../errors";
import type { Transcript } from "./types";
import type { DbClient } from "../db";
import { findRunOrThrow, findThreadOrThrow } from "../sources/find-source";
import { toTranscript } from "./to-transcript";
import type { SourceRef } from "../sources/source-ref";


/**
 * Loads a run or thread as the crystallizer's timeline: each message, then the calls it made.
 * Refuses sources that are not finished (409) and unknown ids (404).
 */
export async function loadTranscript(db: DbClient, { workspaceId, source }: { workspaceId: string; source: SourceRef }): Promise<Transcript> {
  if (source.type === "agent_run") {
    const run = await findRunOrThrow(db, { workspaceId, runId: source.id });
    if (run.status === "running") throw new ApiError("conflict", `Agent run ${source.id} is still running; crystallize it once it has finished`);
    return toTranscript({ source, label: run.title ?? run.agentName, input: run.input ?? undefined, startedAt: run.startedAt?.toISOString() ?? null }, run.messages, run.toolCalls);
  }
  const thread = await findThreadOrThrow(db, { workspaceId, threadId: source.id });
  if (thread.status === "active")
    throw new ApiError("conflict", `Chat thread ${source.id} has a tool call still running; crystallize it once it has finished`);
  return toTranscript({ source, label: thread.title }, thread.messages, thread.toolCalls);
}
