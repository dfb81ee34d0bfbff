import type { DbClient } from "../db";
import { getTriggerOrThrow } from "./get-trigger";

/** Deletes a trigger of the workspace and returns what it was, for the audit event. */
export async function deleteTrigger(db: DbClient, { workspaceId, triggerId }: { workspaceId: string; triggerId: string }) {
  const t = await getTriggerOrThrow(db, { workspaceId, triggerId });
  await db.trigger.delete({ where: { id: t.id } });
  return t;
}
