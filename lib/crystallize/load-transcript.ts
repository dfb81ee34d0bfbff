import { ApiError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { DbClient } from "../db";
import type { SourceRef } from "../sources/source-ref";
import type { TranscriptRows } from "./to-transcript";

/**
 * Loads a run or thread for the crystallizer: its own fields, and its messages and calls as JSON
 * text, one aggregate query each, with only the columns the timeline reads. The text goes to a
 * worker thread as it is (readTranscriptRows), so the server's thread never builds 10,000 rows
 * into objects: on the embedded database that and the paged reads were most of a long run's load.
 * Refuses sources that are not finished (409) and unknown ids (404).
 */
export async function loadTranscriptRows(db: DbClient, { workspaceId, source }: { workspaceId: string; source: SourceRef }): Promise<TranscriptRows> {
  let head: TranscriptRows["head"];
  let owner: Prisma.Sql;
  if (source.type === "agent_run") {
    const run = await db.agentRun.findFirst({
      where: { id: source.id, workspaceId, staged: false },
      select: { status: true, title: true, agentName: true, input: true, startedAt: true },
    });
    if (!run) throw new ApiError("not_found", `Agent run ${source.id} not found`);
    if (run.status === "running") throw new ApiError("conflict", `Agent run ${source.id} is still running; crystallize it once it has finished`);
    head = { source, label: run.title ?? run.agentName, input: run.input ?? undefined, startedAt: run.startedAt?.toISOString() ?? null };
    owner = Prisma.sql`"runId" = ${source.id}`;
  } else {
    const thread = await db.chatThread.findFirst({ where: { id: source.id, workspaceId, staged: false }, select: { status: true, title: true } });
    if (!thread) throw new ApiError("not_found", `Chat thread ${source.id} not found`);
    if (thread.status === "active")
      throw new ApiError("conflict", `Chat thread ${source.id} has a tool call still running; crystallize it once it has finished`);
    head = { source, label: thread.title };
    owner = Prisma.sql`"threadId" = ${source.id}`;
  }
  // Times as Date#toISOString writes them (the columns hold UTC), so the timeline reads as before.
  const [messages] = await db.$queryRaw<{ rows: string }[]>`
    SELECT coalesce(json_agg(json_build_array(id, role, text) ORDER BY position), '[]')::text AS rows
    FROM message WHERE ${owner}`;
  const [calls] = await db.$queryRaw<{ rows: string }[]>`
    SELECT coalesce(json_agg(json_build_array(
      id, "callId", "toolName", status, error, "messageId", "approvalStatus", "approvalDecidedBy",
      to_char("approvalDecidedAt", ${ISO_FORMAT}), to_char("startedAt", ${ISO_FORMAT}), arguments, result
    ) ORDER BY position), '[]')::text AS rows
    FROM tool_call WHERE ${owner}`;
  return { head, messages: messages!.rows, calls: calls!.rows };
}

const ISO_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';
