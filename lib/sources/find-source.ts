import { ApiError } from "../api/errors";
import type { DbClient } from "../db";

// The one scoped lookup of a source with its conversation in order: a foreign id is a 404.
const WITH_TRANSCRIPT = {
  messages: { orderBy: { position: "asc" as const } },
  toolCalls: { orderBy: { position: "asc" as const } },
};

export async function findRunOrThrow(db: DbClient, { workspaceId, runId }: { workspaceId: string; runId: string }) {
  const run = await db.agentRun.findFirst({ where: { id: runId, workspaceId }, include: WITH_TRANSCRIPT });
  if (!run) throw new ApiError("not_found", `Agent run ${runId} not found`);
  return run;
}

export async function findThreadOrThrow(db: DbClient, { workspaceId, threadId }: { workspaceId: string; threadId: string }) {
  const thread = await db.chatThread.findFirst({ where: { id: threadId, workspaceId }, include: WITH_TRANSCRIPT });
  if (!thread) throw new ApiError("not_found", `Chat thread ${threadId} not found`);
  return thread;
}
