import { hashSecret } from "../security/hash-secret";
import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { newId, randomToken } from "../ids";
import { INVITE_TTL_MS } from "./schemas";

type Role = "owner" | "admin" | "member";

/**
 * Creates an invite and returns its token (shown once). Only an owner may invite another owner:
 * an admin who could would make themselves one with a second account.
 */
export async function createInvite(
  db: DbClient,
  { workspaceId, email, role, inviterRole, invitedBy, now = new Date() }: { workspaceId: string; email: string; role: Role; inviterRole: string; invitedBy: string; now?: Date },
) {
  if (role === "owner" && inviterRole !== "owner")
    throw new ApiError("forbidden", "Only an owner can invite an owner", { field: "body.role" });
  const member = await db.membership.findFirst({ where: { workspaceId, user: { email: email.toLowerCase() } } });
  if (member) throw new ApiError("conflict", `${email} is already a member of this workspace`, { field: "body.email" });
  const token = `czi_${randomToken(32)}`;
  const invite = await db.invite.create({
    data: { id: newId("inv"), workspaceId, email: email.toLowerCase(), role, tokenHash: hashSecret(token), invitedBy, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) },
  });
  return { invite, token };
}
