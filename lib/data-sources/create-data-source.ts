import type { DbClient } from "../db";
import { newId } from "../ids";
import { sealSecret } from "../security/secrets";
import { presentDataSource } from "./present-data-source";

/** Saves a data source whose connection string was verified; the string is stored sealed. */
export async function createDataSource(db: DbClient, d: { workspaceId: string; name: string; connectionString: string }) {
  const row = await db.dataSource.create({ data: { id: newId("ds"), workspaceId: d.workspaceId, name: d.name, connectionString: sealSecret(d.connectionString) } });
  return presentDataSource(row);
}
