import { ApiError } from "../errors";
import { loadDefinition } from "./load-definition";
import type { DbClient } from "../db";

export async function loadCurrentDefinition(db: DbClient, { workspaceId, automationId }: { workspaceId: string; automationId: string }) {
  const automation = await db.automation.findFirst({ where: { id: automationId, workspaceId } });
  if (!automation) throw new ApiError("not_found", `Automation ${automationId} not found`);
  return { automation, definition: await loadDefinition(db, { automationId, version: automation.currentVersion }) };
}
