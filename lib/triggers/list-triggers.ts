import type { DbClient } from "../db";
import { loadCurrentDefinition } from "../automations/load-current-definition";
import { presentTrigger } from "./present-trigger";

/** An automation's triggers, oldest first; a 404 when the automation is not the workspace's. */
export async function listTriggers(db: DbClient, { workspaceId, automationId }: { workspaceId: string; automationId: string }) {
  await loadCurrentDefinition(db, { workspaceId, automationId });
  const rows = await db.trigger.findMany({ where: { workspaceId, automationId }, orderBy: { createdAt: "asc" } });
  return rows.map((t) => presentTrigger(t));
}
