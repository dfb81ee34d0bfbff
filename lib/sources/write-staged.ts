import type { Db, DbClient } from "../db";
import type { SourceChunks } from "./source-chunks";
import { insertSourceChunks } from "./write-rows";

/**
 * How long a staged source may stay unfinished on PostgreSQL before it counts as abandoned (its
 * writer crashed mid-import): another process may still be writing it, and writing 10,000 calls
 * takes seconds, so half an hour is far past any live import. The engine's minute tick sweeps.
 */
export const STAGED_ABANDONED_AFTER_MS = 30 * 60_000;

/** For callers of writeStaged that take its beforeReveal check as an option. */
export type StageOptions = { beforeReveal?: (tx: DbClient) => Promise<void> };

/**
 * Writes a new run or thread without holding one transaction for the whole import. On the
 * embedded database a transaction holds the only connection, so a 10,000-call import in one
 * transaction kept every other request waiting for seconds. Instead the source row is created
 * staged (invisible to every read), its rows are inserted in chunks with other requests served in
 * between, and one update makes it visible: readers see all of it or none of it. A failure
 * deletes what was written (the rows cascade); a crash leaves a staged row, invisible, which
 * removeAbandonedSources deletes: at the next start on the embedded database, whose lock means no
 * other writer, and once it is old on PostgreSQL.
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

/**
 * Deletes staged runs and threads whose writer never finished them. `everyOne`: all of them, for
 * a process that knows it is the only writer (the embedded database at start). Returns how many.
 */
export async function removeAbandonedSources(db: Db, { now = new Date(), everyOne = false }: { now?: Date; everyOne?: boolean } = {}) {
  const before = new Date(now.getTime() - STAGED_ABANDONED_AFTER_MS);
  const where = everyOne ? { staged: true } : { staged: true, createdAt: { lt: before } };
  const [runs, threads] = await db.$transaction([db.agentRun.deleteMany({ where }), db.chatThread.deleteMany({ where })]);
  return runs.count + threads.count;
}
