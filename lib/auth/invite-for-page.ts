import type { DbClient } from "../db";
import { findUsableInvite } from "../invites/find-usable-invite";

/** What the sign-up and sign-in pages show about an invite link's token. */
export async function inviteForPage(db: DbClient, token: string | undefined) {
  if (!token) return {};
  const invite = await findUsableInvite(db, token);
  if (!invite) return { inviteProblem: "This invite link is invalid, used, revoked or expired: ask whoever sent it for a new one." };
  return { invite: { token, email: invite.email, workspace: invite.workspace.name, workspaceId: invite.workspaceId, role: invite.role } };
}
