import { ApiError } from "../errors";
import type { DbClient } from "../db";
import type { Message, ToolCall } from "../generated/prisma/client";

// The one scoped lookup of a source with its conversation in order: a foreign id is a 404.

/**
 * Rows read per query. A source holds up to tens of thousands of rows; reading them in pages,
 * with a turn of the event loop between pages, keeps one long read from stalling other requests
 * (on the embedded database every query runs on the server's own thread).
 */
const PAGE_ROWS = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Owner = { runId: string } | { threadId: string };

async function readAll<T extends { position: number }>(read: (after: number, take: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  let after = -1;
  for (;;) {
    const page = await read(after, PAGE_ROWS);
    for (const row of page) all.push(row);
    if (page.length < PAGE_ROWS) return all;
    after = page[page.length - 1]!.position;
    await nextTurn();
  }
}

async function transcriptOf(db: DbClient, owner: Owner): Promise<{ messages: Message[]; toolCalls: ToolCall[] }> {
  const messages = await readAll((after, take) => db.message.findMany({ where: { ...owner, position: { gt: after } }, orderBy: { position: "asc" }, take }));
  const toolCalls = await readAll((after, take) => db.toolCall.findMany({ where: { ...owner, position: { gt: after } }, orderBy: { position: "asc" }, take }));
  return { messages, toolCalls };
}

export async function findRunOrThrow(db: DbClient, { workspaceId, runId }: { workspaceId: string; runId: string }) {
  const run = await db.agentRun.findFirst({ where: { id: runId, workspaceId, staged: false } });
  if (!run) throw new ApiError("not_found", `Agent run ${runId} not found`);
  return { ...run, ...(await transcriptOf(db, { runId })) };
}

export async function findThreadOrThrow(db: DbClient, { workspaceId, threadId }: { workspaceId: string; threadId: string }) {
  const thread = await db.chatThread.findFirst({ where: { id: threadId, workspaceId, staged: false } });
  if (!thread) throw new ApiError("not_found", `Chat thread ${threadId} not found`);
  return { ...thread, ...(await transcriptOf(db, { threadId })) };
}
