import { ApiError } from "../errors";
import type { DbClient } from "../db";

export type ImportKind = "run" | "thread";

/** The page of an imported run or thread in the app. */
export const sourceUrl = (kind: ImportKind, id: string) => (kind === "run" ? `/history/runs/${id}` : `/history/threads/${id}`);

/**
 * Refuses an import whose file was imported already into the workspace as the same kind of
 * source: 409 naming the earlier run or thread. Staged sources (still being written, or abandoned)
 * do not count. With `lock`, takes a lock on the hash for the caller's transaction, so that of two
 * identical imports finishing at once only one is revealed.
 */
export async function assertNotImported(db: DbClient, { workspaceId, kind, contentHash, lock = false }: { workspaceId: string; kind: ImportKind; contentHash: string; lock?: boolean }) {
  if (lock) await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`import:${workspaceId}:${contentHash}`}))`;
  const where = { workspaceId, contentHash, staged: false };
  const earlier =
    kind === "run"
      ? await db.agentRun.findFirst({ where, select: { id: true }, orderBy: { createdAt: "asc" } })
      : await db.chatThread.findFirst({ where, select: { id: true }, orderBy: { createdAt: "asc" } });
  if (!earlier) return;
  const url = sourceUrl(kind, earlier.id);
  throw new ApiError(
    "conflict",
    `This file was imported already as ${kind === "run" ? "agent run" : "chat thread"} ${earlier.id} (${url}); add ?duplicate=allow to import it again`,
    { existing: { id: earlier.id, url } },
  );
}
