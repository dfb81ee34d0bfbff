import { ApiError } from "../errors";
import type { DbClient } from "../db";

export async function getDataSourceOrThrow(db: DbClient, { workspaceId, dataSourceId: id }: { workspaceId: string; dataSourceId: string }) {
  const d = await db.dataSource.findFirst({ where: { id, workspaceId } });
  if (!d) throw new ApiError("not_found", `Data source ${id} not found`);
  return d;
}
