import type { DbClient } from "../db";
import { presentDataSource } from "./present-data-source";

export async function listDataSources(db: DbClient, { workspaceId }: { workspaceId: string }) {
  return (await db.dataSource.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } })).map(presentDataSource);
}
