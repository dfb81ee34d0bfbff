import { ApiError, notFound } from "../errors";
import type { DbClient } from "../db";

/** Revoking keeps the row, so the list shows what was offered to whom. An accepted invite stays accepted. */
export async function revokeInvite(db: DbClient, { workspaceId, inviteId }: { workspaceId: string; inviteId: string }) {
  const invite = await db.invite.findFirst({ where: { id: inviteId, workspaceId } });
  if (!invite) throw notFound("Invite", inviteId);
  if (invite.acceptedAt) throw new ApiError("conflict", `Invite ${inviteId} was already accepted; remove the member instead`);
  if (invite.revokedAt) return invite;
  return db.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
}
