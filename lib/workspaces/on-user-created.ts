import type { DbClient } from "../db";
import { newId } from "../ids";

/**
 * Every user gets a workspace. The first user to sign up becomes the owner of the instance's
 * first workspace (the demo one on a fresh install), so a new install opens with data.
 */
export async function onUserCreated(db: DbClient, { userId, name }: { userId: string; name: string }) {
  const isFirstUser = (await db.user.count()) === 1;
  const unowned = isFirstUser
    ? await db.workspace.findFirst({ where: { memberships: { none: { role: "owner" } } }, orderBy: { createdAt: "asc" } })
    : null;
  if (unowned) {
    await db.membership.create({ data: { workspaceId: unowned.id, userId, role: "owner" } });
    return;
  }
  await db.workspace.create({
    data: {
      id: newId("ws"),
      name: `${name || "My"}'s workspace`,
      memberships: { create: { userId, role: "owner" } },
    },
  });
}
