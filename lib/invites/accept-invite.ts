import { hashSecret } from "../security/hash-secret";
import { ApiError } from "../errors";
import { recordAudit } from "../audit/audit";
import type { DbClient } from "../db";

/**
 * Joins the user to the invite's workspace with its role. Single use even under concurrent
 * accepts: the invite is claimed by a conditional update that only one caller can win.
 */
export async function acceptInvite(db: DbClient, { token, userId, email, now = new Date() }: { token: string; userId: string; email: string; now?: Date }) {
  const invite = await db.invite.findUnique({ where: { tokenHash: hashSecret(token) } });
  const unusable = "This invite link is invalid, used, revoked or expired; ask for a new one";
  if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= now) throw new ApiError("not_found", unusable);
  if (invite.email !== email.toLowerCase())
    throw new ApiError("forbidden", `This invite is for ${invite.email}; sign in (or sign up) with that address`, { field: "email" });
  if (await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } } }))
    throw new ApiError("conflict", "You are already a member of this workspace");
  const claimed = await db.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedBy: userId },
  });
  if (claimed.count !== 1) throw new ApiError("not_found", unusable);
  await db.membership.create({ data: { workspaceId: invite.workspaceId, userId, role: invite.role } });
  await recordAudit(db, invite.workspaceId, { type: "user", id: userId, role: invite.role }, {
    action: "invite.accepted",
    targetType: "invite",
    targetId: invite.id,
    details: { email: invite.email, role: invite.role },
  });
  return { workspaceId: invite.workspaceId, role: invite.role, inviteId: invite.id };
}
