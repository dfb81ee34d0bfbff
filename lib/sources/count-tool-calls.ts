import type { DbClient } from "../db";
import type { SourceRef } from "./source-ref";

/** How many tool calls a run or thread holds, by one indexed count (0 for a foreign or unknown id). */
export async function countToolCalls(db: DbClient, { workspaceId, source }: { workspaceId: string; source: SourceRef }): Promise<number> {
  return db.toolCall.count({
    where: source.type === "agent_run" ? { runId: source.id, run: { workspaceId, staged: false } } : { threadId: source.id, thread: { workspaceId, staged: false } },
  });
}
