import type { DbClient } from "../db";
import { afterCursor, decodeCursor, encodeCursor, PAGE_ORDER, toPage } from "../pagination";
import { presentRunSummary, presentThreadSummary } from "./present";

export async function listRuns(
  db: DbClient,
  { workspaceId, limit, cursor, status, agent, q }: { workspaceId: string; limit: number; cursor?: string; status?: "running" | "succeeded" | "failed" | "canceled"; agent?: string; q?: string },
) {
  const rows = await db.agentRun.findMany({
    where: {
      workspaceId,
      staged: false,
      ...(status ? { status } : {}),
      ...(agent ? { agentName: agent } : {}),
      ...(q ? { OR: [{ agentName: { contains: q, mode: "insensitive" as const } }, { title: { contains: q, mode: "insensitive" as const } }, { id: q }] } : {}),
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
      staged: false,
      ...(status ? { status } : {}),
      ...(q ? { OR: [{ title: { contains: q, mode: "insensitive" as const } }, { id: q }] } : {}),
      ...afterCursor(decodeCursor(cursor)),
    },
    orderBy: PAGE_ORDER,
    take: limit + 1,
  });
  return toPage(rows, limit, presentThreadSummary);
}

export type SourceKind = "agent_run" | "chat_thread";

/**
 * Agent runs and chat threads in one keyset-paginated list. Both tables are read in the same
 * (createdAt desc, id desc) order from the same cursor, so a merge of `limit + 1` rows from each
 * gives the exact next page at any depth, with each table on its own index.
 */
export async function listSources(
  db: DbClient,
  q: { workspaceId: string; limit: number; cursor?: string; kind?: SourceKind; status?: string; q?: string },
) {
  const runStatus = ["running", "succeeded", "failed", "canceled"].includes(q.status ?? "") ? (q.status as "running") : undefined;
  const threadStatus = ["idle", "active"].includes(q.status ?? "") ? (q.status as "idle") : undefined;
  // A status that only one kind has filters the other kind out entirely.
  const wantRuns = q.kind !== "chat_thread" && (!q.status || !!runStatus);
  const wantThreads = q.kind !== "agent_run" && (!q.status || !!threadStatus);
  const [runs, threads] = await Promise.all([
    wantRuns ? listRuns(db, { ...q, status: runStatus, limit: q.limit }) : null,
    wantThreads ? listThreads(db, { ...q, status: threadStatus, limit: q.limit }) : null,
  ]);
  const runItems = (runs?.data ?? []).map((r) => ({
    kind: "agent_run" as const,
    id: r.id,
    title: r.title,
    agent: r.agent,
    status: r.status,
    tool_call_count: r.tool_call_count,
    created_at: r.created_at,
  }));
  const threadItems = (threads?.data ?? []).map((t) => ({
    kind: "chat_thread" as const,
    id: t.id,
    title: t.title,
    agent: null,
    status: t.status,
    tool_call_count: t.tool_call_count,
    created_at: t.created_at,
  }));
  // A merge, not a sort: each list keeps the database's own order (ties within a table follow its
  // id collation, which the cursor uses too); across tables a tie goes to the thread, as
  // "thr_" sorts after "run_" in every collation.
  const items: ((typeof runItems)[number] | (typeof threadItems)[number])[] = [];
  let r = 0;
  let t = 0;
  while (r < runItems.length || t < threadItems.length) {
    const run = runItems[r];
    const thread = threadItems[t];
    if (run && (!thread || run.created_at > thread.created_at)) {
      items.push(run);
      r++;
    } else {
      items.push(thread!);
      t++;
    }
  }
  // Each list saw limit + 1 rows, so the merged first `limit` is exact; there is more if either
  // list had more or the merge has rows beyond the page.
  const more = items.length > q.limit || !!runs?.next_cursor || !!threads?.next_cursor;
  const data = items.slice(0, q.limit);
  const last = data[data.length - 1];
  return { data, next_cursor: more && last ? encodeCursor({ createdAt: new Date(last.created_at), id: last.id }) : null };
}
