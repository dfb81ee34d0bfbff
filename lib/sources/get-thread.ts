import { ApiError } from "../api/errors";
import type { DbClient } from "../db";
import { presentMessage, presentThreadSummary, presentToolCall } from "./present";

/** A thread with its messages and calls, scoped to the workspace: a foreign id is a 404. */
export async function getThreadOrThrow(db: DbClient, { workspaceId, threadId }: { workspaceId: string; threadId: string }) {
  const thread = await db.chatThread.findFirst({
    where: { id: threadId, workspaceId },
    include: { messages: { orderBy: { position: "asc" } }, toolCalls: { orderBy: { position: "asc" } } },
  });
  if (!thread) throw new ApiError("not_found", `Chat thread ${threadId} not found`);
  return {
    ...presentThreadSummary(thread),
    messages: thread.messages.map(presentMessage),
    tool_calls: thread.toolCalls.map(presentToolCall),
  };
}
