import { ApiError, notFound } from "../errors";
import type { DbClient } from "../db";

type Role = "owner" | "admin" | "member";

async function getMembershipOrThrow(db: DbClient, workspaceId: string, userId: string) {
  const m = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, include: { user: { select: { email: true } } } });
  if (!m) throw notFound("Member", userId);
  return m;
}

/** A workspace always keeps an owner: the last one can neither be demoted nor removed. */
async function assertAnotherOwner(db: DbClient, workspaceId: string, userId: string) {
  const others = await db.membership.count({ where: { workspaceId, role: "owner", userId: { not: userId } } });
  if (others === 0) throw new ApiError("conflict", "A workspace needs at least one owner: make someone else owner first");
}

export async function changeMemberRole(db: DbClient, { workspaceId, userId, role }: { workspaceId: string; userId: string; role: Role }) {
  const m = await getMembershipOrThrow(db, workspaceId, userId);
  if (m.role === "owner" && role !== "owner") await assertAnotherOwner(db, workspaceId, userId);
  await db.membership.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
  return { userId, email: m.user.email, from: m.role, role };
}

export async function removeMember(db: DbClient, { workspaceId, userId }: { workspaceId: string; userId: string }) {
  const m = await getMembershipOrThrow(db, workspaceId, userId);
  if (m.role === "owner") await assertAnotherOwner(db, workspaceId, userId);
  await db.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
  return { userId, email: m.user.email, role: m.role };
}
