import type { Db } from "../db";

/** Chains older than a day are done: their budget rows go. */
export async function pruneEventChains(db: Db) {
  await db.eventChain.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 86_400_000) } } }).catch(() => {});
}
