import type { DbClient } from "../db";
import { presentProvider } from "./present-provider";

/** The workspace's tool providers, oldest first (the order steps bind in). */
export async function listProviders(db: DbClient, { workspaceId }: { workspaceId: string }) {
  return (await db.toolProvider.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } })).map(presentProvider);
}
