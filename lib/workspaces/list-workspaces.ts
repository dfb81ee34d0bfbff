import type { DbClient } from "../db";
import { getWorkspace } from "./get-workspace";
import type { Role } from "../generated/prisma/client";

// The caller as lib/auth's Actor has it (workspaces sit below auth, which creates them on sign-up).
type Caller = { type: "user" | "key"; id: string; role: Role };

/** The workspaces the caller can open: a user's memberships, or an API key's one workspace. */
export async function listWorkspaces(db: DbClient, { workspaceId, actor }: { workspaceId: string; actor: Caller }) {
  if (actor.type !== "user") {
    return [{ ...(await getWorkspace(db, { workspaceId })), role: actor.role, current: true }];
  }
  const memberships = await db.membership.findMany({ where: { userId: actor.id }, include: { workspace: true }, orderBy: { createdAt: "asc" } });
  return memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role, current: m.workspaceId === workspaceId }));
}
