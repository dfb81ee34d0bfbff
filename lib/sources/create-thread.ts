import type { Db, DbClient } from "../db";
import { newId } from "../ids";
import { buildSourceRows } from "./build-rows";
import { getThreadOrThrow } from "./get-thread";
import type { TCreateThread } from "./schemas";
import { writeSourceRows } from "./write-rows";

type Input = { workspaceId: string; thread: TCreateThread; origin?: string };

/** Stores a chat thread with its messages in one transaction. */
export async function createThread(db: Db, input: Input) {
  const id = await db.$transaction((tx) => insertThread(tx, input), { timeout: 120_000 });
  return getThreadOrThrow(db, { workspaceId: input.workspaceId, threadId: id });
}

/** The writes of createThread, for callers that hold a transaction already. Returns the thread id. */
export async function insertThread(tx: DbClient, { workspaceId, thread, origin = "api" }: Input): Promise<string> {
  const id = newId("thr");
  const rows = buildSourceRows({ owner: { threadId: id }, messages: thread.messages });
  const firstUser = rows.messageRows.find((m) => m.role === "user")?.text.trim();
  await tx.chatThread.create({
    data: {
      id,
      workspaceId,
      title: thread.title ?? (firstUser ? firstUser.slice(0, 120) : "Untitled thread"),
      origin,
      status: rows.callRows.some((c) => c.status === "pending") ? "active" : "idle",
      messageCount: rows.messageRows.length,
      toolCallCount: rows.callRows.length,
    },
  });
  await writeSourceRows(tx, rows);
  return id;
}
