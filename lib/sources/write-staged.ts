import type { Db, DbClient } from "../db";
import type { SourceChunks } from "./source-chunks";
import { insertSourceChunks } from "./write-rows";

/**
 * How long a staged source may stay unfinished before it counts as abandoned (its writer crashed
 * or was restarted mid-import). Far longer than any import takes: a worker job is ended at 60 s,
 * and writing 10,000 calls takes a few seconds.
 */
export const STAGED_ABANDONED_AFTER_MS = 30 * 60_000;

/**
 * Writes a new run or thread without holding one transaction for the whole import. On the
 * embedded database a transaction holds the only connection, so a 10,000-call import in one
 * transaction kept every other request waiting for seconds. Instead the source row is created
 * staged (invisible to every read), its rows are inserted in chunks with other requests served in
 * between, and one update makes it visible: readers see all of it or none of it. A failure
 * deletes what was written (the rows cascade); a crash leaves a staged row for
 * removeAbandonedSources.
 */
export async function writeStaged<T>(
  db: Db,
  source: {
    create: () => Promise<unknown>;
    chunks: SourceChunks;
    reveal: (tx: DbClient) => Promise<T>;
    discard: () => Promise<unknown>;
    /** Runs in the transaction that makes the source visible, and may refuse it. */
    beforeReveal?: (tx: DbClient) => Promise<void>;
  },
): Promise<T> {
  await source.create();
  try {
    await insertSourceChunks(db, source.chunks);
    const { beforeReveal, reveal } = source;
    return await (beforeReveal
      ? db.$transaction(async (tx) => {
          await beforeReveal(tx);
          return reveal(tx);
        })
      : reveal(db));
  } catch (err) {
    await source.discard().catch((cleanup: unknown) => console.error("Could not remove a staged source after a failed write", cleanup));
    throw err;
  }
}

/** Deletes staged runs and threads whose writer never finished them. Returns how many. */
export async function removeAbandonedSources(db: Db, now = new Date()) {
  const before = new Date(now.getTime() - STAGED_ABANDONED_AFTER_MS);
  const where = { staged: true, createdAt: { lt: before } };
  const [runs, threads] = await db.$transaction([db.agentRun.deleteMany({ where }), db.chatThread.deleteMany({ where })]);
  return runs.count + threads.count;
}
