import type { Db, DbClient } from "../db";
import { newId } from "../ids";
import { buildSourceRows } from "./build-rows";
import { getThreadOrThrow } from "./get-thread";
import { firstUserText, nameSource } from "./name-source";
import type { TCreateThread } from "./schemas";
import { type SourceChunks, toSourceChunks } from "./source-chunks";
import { writeSourceRows } from "./write-rows";
import { type StageOptions, writeStaged } from "./write-staged";

type Input = { workspaceId: string; thread: TCreateThread; origin?: string };
/** What the thread row is made of once its rows are built. Without a title it is named after its first user message. */
type ThreadRow = {
  id: string;
  workspaceId: string;
  title?: string;
  origin?: string;
  firstUserText: string | null;
  pendingCalls: boolean;
  messageCount: number;
  toolCallCount: number;
  contentHash?: string;
};

/** Stores a chat thread with its messages: all of it becomes visible at once, or none. */
export async function createThread(db: Db, input: Input) {
  const { row, rows } = buildThread(input);
  await stageThread(db, row, toSourceChunks(rows));
  return getThreadOrThrow(db, { workspaceId: input.workspaceId, threadId: row.id });
}

/** Writes a thread whose rows were built already (an import builds them on a worker thread). Returns the thread row. As stageRun. */
export async function stageThread(db: Db, row: ThreadRow, chunks: SourceChunks, { beforeReveal }: StageOptions = {}) {
  const data = threadData(row);
  return writeStaged(db, {
    create: () => db.chatThread.create({ data: { ...data, staged: true } }),
    chunks,
    reveal: (tx) => tx.chatThread.update({ where: { id: row.id }, data: { staged: false } }),
    beforeReveal,
    discard: () => db.chatThread.deleteMany({ where: { id: row.id } }),
  });
}

/** The writes of createThread inside a transaction the caller holds (the demo seed). Returns the thread id. */
export async function insertThread(tx: DbClient, input: Input): Promise<string> {
  const { row, rows } = buildThread(input);
  await tx.chatThread.create({ data: threadData(row) });
  await writeSourceRows(tx, rows);
  return row.id;
}

function buildThread({ workspaceId, thread, origin }: Input) {
  const id = newId("thr");
  const rows = buildSourceRows({ owner: { threadId: id }, messages: thread.messages });
  const row: ThreadRow = {
    id,
    workspaceId,
    title: thread.title,
    origin,
    firstUserText: firstUserText(rows.messageRows),
    pendingCalls: rows.callRows.some((c) => c.status === "pending"),
    messageCount: rows.messageRows.length,
    toolCallCount: rows.callRows.length,
  };
  return { row, rows };
}

function threadData({ id, workspaceId, title, origin = "api", firstUserText, pendingCalls, messageCount, toolCallCount, contentHash }: ThreadRow) {
  return {
    id,
    workspaceId,
    title: title ?? nameSource({ request: firstUserText, fallback: "Untitled thread" }),
    origin,
    status: pendingCalls ? ("active" as const) : ("idle" as const),
    messageCount,
    toolCallCount,
    contentHash,
  };
}
