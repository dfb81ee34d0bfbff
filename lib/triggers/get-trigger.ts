import { ApiError } from "../errors";
import type { DbClient } from "../db";

export async function getTriggerOrThrow(db: DbClient, { workspaceId, triggerId }: { workspaceId: string; triggerId: string }) {
  const t = await db.trigger.findFirst({ where: { id: triggerId, workspaceId } });
  if (!t) throw new ApiError("not_found", `Trigger ${triggerId} not found`);
  return t;
}
