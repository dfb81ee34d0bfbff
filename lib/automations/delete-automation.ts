import { ApiError } from "../errors";
import type { DbClient } from "../db";

/** Deletes an automation and its versions. */
export async function deleteAutomation(db: DbClient, { workspaceId, automationId }: { workspaceId: string; automationId: string }) {
  const deleted = await db.automation.deleteMany({ where: { id: automationId, workspaceId } });
  if (deleted.count === 0) throw new ApiError("not_found", `Automation ${automationId} not found`);
}
