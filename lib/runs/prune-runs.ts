import { config } from "../config";
import type { Db } from "../db";

/** Runs deleted per call: the scheduler calls this every minute, so a backlog goes in steady bites. */
const BATCH = 5_000;

/**
 * Deletes finished runs that ended more than `retentionDays` ago, oldest first, with their steps
 * and items (cascaded) and approvals, in one transaction, so tables stay small under sustained
 * load. Returns how many runs went.
 */
export async function pruneRuns(db: Db, { retentionDays = config.runRetentionDays, now = new Date() } = {}): Promise<number> {
  if (retentionDays <= 0) return 0;
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM automation_run WHERE "endedAt" < ${cutoff} AND status IN ('succeeded', 'failed', 'canceled') ORDER BY "endedAt" LIMIT ${BATCH}`;
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return 0;
    await tx.approval.deleteMany({ where: { runId: { in: ids } } });
    return tx.$executeRaw`DELETE FROM automation_run WHERE id = ANY(${ids})`;
  });
}
