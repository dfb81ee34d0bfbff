import type { DbClient } from "../db";
import { ApiError } from "../errors";

export async function deleteDataSource(db: DbClient, { workspaceId, dataSourceId }: { workspaceId: string; dataSourceId: string }) {
  const { count } = await db.dataSource.deleteMany({ where: { id: dataSourceId, workspaceId } });
  if (count === 0) throw new ApiError("not_found", `Data source ${dataSourceId} not found`);
}
