import type { DbClient } from "../db";
import { findThreadOrThrow } from "./find-source";
import { presentMessage, presentThreadSummary, presentToolCall } from "./present";

/** A thread with its messages and calls, scoped to the workspace: a foreign id is a 404. */
export async function getThreadOrThrow(db: DbClient, ids: { workspaceId: string; threadId: string }) {
  const thread = await findThreadOrThrow(db, ids);
  return {
    ...presentThreadSummary(thread),
    messages: thread.messages.map(presentMessage),
    tool_calls: thread.toolCalls.map(presentToolCall),
  };
}
