import { ApiError } from "../errors";
import { loadDefinition } from "./load-definition";
import type { DbClient } from "../db";

/**
 * The automation with the definition its triggers run: the live version, which only publishing
 * moves. `definition` is null when nothing was ever published: no trigger may run a draft.
 */
export async function loadLiveDefinition(db: DbClient, { workspaceId, automationId }: { workspaceId: string; automationId: string }) {
  const automation = await db.automation.findFirst({ where: { id: automationId, workspaceId } });
  if (!automation) throw new ApiError("not_found", `Automation ${automationId} not found`);
  const version = automation.liveVersion;
  return { automation, version, definition: version === null ? null : await loadDefinition(db, { automationId, version }) };
}
