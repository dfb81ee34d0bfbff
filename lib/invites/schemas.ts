import { z } from "zod";
import type { Invite as InviteRow } from "../generated/prisma/client";

/** Invites last a week: long enough to reach someone, short enough that a leaked link dies. */
export const INVITE_TTL_MS = 7 * 24 * 3600_000;

export const ZRole = z.enum(["owner", "admin", "member"]);

export const ZCreateInvite = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  role: ZRole.default("member"),
});

export const ZAcceptInvite = z.object({ token: z.string().min(10).max(200) });

export const ZInvite = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  invited_by: z.string(),
  expires_at: z.string(),
  accepted_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
}).meta({ id: "Invite" });
export type Invite = z.output<typeof ZInvite>;

export const ZCreatedInvite = ZInvite.extend({
  /** The link to send the invitee; the only time its token is visible. */
  url: z.string(),
  token: z.string(),
}).meta({ id: "CreatedInvite" });
export type CreatedInvite = z.output<typeof ZCreatedInvite>;

export function inviteStatus(i: InviteRow, now = new Date()): z.output<typeof ZInvite>["status"] {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  return i.expiresAt <= now ? "expired" : "pending";
}

export const presentInvite = (i: InviteRow): z.input<typeof ZInvite> => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: inviteStatus(i),
  invited_by: i.invitedBy,
  expires_at: i.expiresAt.toISOString(),
  accepted_at: i.acceptedAt?.toISOString() ?? null,
  revoked_at: i.revokedAt?.toISOString() ?? null,
  created_at: i.createdAt.toISOString(),
});
