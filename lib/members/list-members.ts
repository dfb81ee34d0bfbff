import { z } from "zod";
import type { DbClient } from "../db";
import { ZRole } from "../invites/schemas";

export const ZMember = z.object({ user_id: z.string(), name: z.string(), email: z.string(), role: ZRole, joined_at: z.string() }).meta({ id: "Member" });
export type Member = z.output<typeof ZMember>;

/** The workspace's members, oldest first. */
export async function listMembers(db: DbClient, workspaceId: string) {
  const rows = await db.membership.findMany({ where: { workspaceId }, include: { user: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ user_id: m.userId, name: m.user.name, email: m.user.email, role: m.role, joined_at: m.createdAt.toISOString() }));
}
