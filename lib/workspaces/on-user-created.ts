import type { Db } from "../db";
import { newId } from "../ids";
import { acceptInvite } from "../invites/accept-invite";

/** Serialises the "who owns the first workspace" decision across concurrent sign-ups and processes. */
const FIRST_OWNER_LOCK = 7303002;

/**
 * Places a new user. With an invite, they join its workspace with its role and get no workspace
 * of their own. Otherwise the first user of an installation nobody owns yet becomes the owner of
 * its first workspace (the demo one on a fresh install), so a new install opens with data; anyone
 * later gets a workspace of their own. The decision runs under an advisory lock, so of several
 * first sign-ups at the same moment exactly one takes the first workspace.
 */
export async function onUserCreated(db: Db, { userId, name, email, inviteToken }: { userId: string; name: string; email: string; inviteToken?: string }) {
  await db.$transaction(async (tx) => {
    if (inviteToken) {
      await acceptInvite(tx, { token: inviteToken, userId, email });
      return;
    }
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${FIRST_OWNER_LOCK})::text`;
    const anyOwner = await tx.membership.findFirst({ where: { role: "owner" }, select: { userId: true } });
    const unowned = anyOwner
      ? null
      : await tx.workspace.findFirst({ where: { memberships: { none: {} } }, orderBy: { createdAt: "asc" }, select: { id: true } });
    if (unowned) {
      await tx.membership.create({ data: { workspaceId: unowned.id, userId, role: "owner" } });
      return;
    }
    await tx.workspace.create({
      data: { id: newId("ws"), name: `${name || "My"}'s workspace`, memberships: { create: { userId, role: "owner" } } },
    });
  });
}
