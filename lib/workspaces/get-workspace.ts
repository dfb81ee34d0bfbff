import type { DbClient } from "../db";

export async function getWorkspace(db: DbClient, { workspaceId }: { workspaceId: string }) {
  return db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, name: true } });
}
