import type { Db } from "../db";

/** Signatures are refused after 5 minutes, so a delivery's record is only needed for about as long. */
export async function pruneDeliveries(db: Db) {
  await db.webhookDelivery.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 15 * 60_000) } } }).catch(() => {});
}
