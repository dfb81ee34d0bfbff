import { hashSecret } from "../security/hash-secret";
import type { DbClient } from "../db";

/** The invite a link's token names, if it can still be used: not accepted, not revoked, not expired. */
export async function findUsableInvite(db: DbClient, token: string, now = new Date()) {
  const invite = await db.invite.findUnique({ where: { tokenHash: hashSecret(token) }, include: { workspace: { select: { name: true } } } });
  if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= now) return null;
  return invite;
}
