import { ApiError } from "../errors";
import type { DbClient } from "../db";

export async function getProviderOrThrow(db: DbClient, { workspaceId, providerId: id }: { workspaceId: string; providerId: string }) {
  const p = await db.toolProvider.findFirst({ where: { id, workspaceId } });
  if (!p) throw new ApiError("not_found", `Tool provider ${id} not found`);
  return p;
}
