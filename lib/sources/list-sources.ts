import type { DbClient } from "../db";
import { afterCursor, decodeCursor, PAGE_ORDER, toPage } from "../api/pagination";
import { presentRunSummary, presentThreadSummary } from "./present";

export async function listRuns(
  db: DbClient,
  { workspaceId, limit, cursor, status, agent, q }: { workspaceId: string; limit: number; cursor?: string; status?: "running" | "succeeded" | "failed" | "canceled"; agent?: string; q?: string },
) {
  const rows = await db.agentRun.findMany({
    where: {
      workspaceId,
      ...(status ? { status } : {}),
      ...(agent ? { agentName: agent } : {}),
      ...(q ? { OR: [{ agentName: { contains: q, mode: "insensitive" as const } }, { id: q }] } : {}),
      ...afterCursor(decodeCursor(cursor)),
    },
    orderBy: PAGE_ORDER,
    take: limit + 1,
  });
  return toPage(rows, limit, presentRunSummary);
}

export async function listThreads(
  db: DbClient,
  { workspaceId, limit, cursor, status, q }: { workspaceId: string; limit: number; cursor?: string; status?: "idle" | "active"; q?: string },
) {
  const rows = await db.chatThread.findMany({
    where: {
      workspaceId,
      ...(status ? { status } : {}),
      ...(q ? { OR: [{ title: { contains: q, mode: "insensitive" as const } }, { id: q }] } : {}),
      ...afterCursor(decodeCursor(cursor)),
    },
    orderBy: PAGE_ORDER,
    take: limit + 1,
  });
  return toPage(rows, limit, presentThreadSummary);
}
