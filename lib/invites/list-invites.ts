import type { DbClient } from "../db";
import { presentInvite } from "./schemas";

export async function listInvites(db: DbClient, { workspaceId }: { workspaceId: string }) {
  return (await db.invite.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take: 200 })).map(presentInvite);
}
