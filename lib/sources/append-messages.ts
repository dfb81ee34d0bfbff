import { ApiError } from "../errors";
import type { Db } from "../db";
import { buildSourceRows, type ExistingCalls } from "./build-rows";
import { getThreadOrThrow } from "./get-thread";
import type { TMessageInput } from "./schemas";
import { writeSourceRows } from "./write-rows";

/**
 * Appends messages to a thread. The thread row is locked for the transaction, so concurrent
 * appends get consecutive positions instead of colliding. A tool message fills in the result of
 * a pending call made earlier: the latest one of its id, as call ids may repeat.
 */
export async function appendMessages(db: Db, { workspaceId, threadId, messages }: { workspaceId: string; threadId: string; messages: TMessageInput[] }) {
  await db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM chat_thread WHERE id = ${threadId} AND "workspaceId" = ${workspaceId} AND NOT staged FOR UPDATE`;
      if (locked.length === 0) throw new ApiError("not_found", `Chat thread ${threadId} not found`);
      const thread = await tx.chatThread.findUniqueOrThrow({ where: { id: threadId } });
      const calls = await tx.toolCall.findMany({ where: { threadId }, select: { id: true, callId: true, status: true }, orderBy: { position: "asc" } });
      const existingCalls: ExistingCalls = new Map();
      for (const c of calls) {
        const same = existingCalls.get(c.callId);
        if (same) same.push(c);
        else existingCalls.set(c.callId, [c]);
      }
      const rows = buildSourceRows({ owner: { threadId }, messages, messageStart: thread.messageCount, callStart: thread.toolCallCount, existingCalls });
      await writeSourceRows(tx, rows);
      const pending = await tx.toolCall.count({ where: { threadId, status: "pending" } });
      await tx.chatThread.update({
        where: { id: threadId },
        data: {
          messageCount: thread.messageCount + rows.messageRows.length,
          toolCallCount: thread.toolCallCount + rows.callRows.length,
          status: pending > 0 ? "active" : "idle",
        },
      });
    },
    { timeout: 60_000 },
  );
  return getThreadOrThrow(db, { workspaceId, threadId });
}
