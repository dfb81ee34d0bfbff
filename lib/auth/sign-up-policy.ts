import { config } from "../config";
import type { DbClient } from "../db";
import { findUsableInvite } from "../invites/find-usable-invite";

export type SignupMode = "open" | "invite" | "closed";

/** SIGNUP when set; otherwise open until the installation has an owner, then by invite only. */
export async function signupMode(db: DbClient): Promise<SignupMode> {
  return config.signup ?? ((await hasOwner(db)) ? "invite" : "open");
}

const hasOwner = async (db: DbClient) => (await db.membership.count({ where: { role: "owner" } })) > 0;

/**
 * Why this sign-up is refused, or null when it may go ahead. With an invite it must be usable and
 * for this email; under `invite`, the first owner of an install nobody owns yet needs none.
 */
export async function signUpRefusal(db: DbClient, { email, inviteToken }: { email: string; inviteToken?: string }): Promise<string | null> {
  const mode = await signupMode(db);
  if (mode === "closed") return "Sign-up is closed on this installation (SIGNUP=closed). Ask its operator for an account.";
  if (inviteToken) {
    const invite = await findUsableInvite(db, inviteToken);
    if (!invite) return "This invite link is invalid, used, revoked or expired; ask for a new one.";
    if (invite.email !== email.toLowerCase()) return `This invite is for ${invite.email}; sign up with that address.`;
    return null;
  }
  if (mode === "invite" && (await hasOwner(db)))
    return "Sign-up is by invitation on this installation: ask an owner or admin of a workspace to invite you, then open their link.";
  return null;
}
