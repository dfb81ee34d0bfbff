import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { assertPublishable } from "./assert-publishable";
import { loadCurrentDefinition } from "../automations/load-current-definition";

/**
 * Makes the draft head the live version, the one triggers run, once it passes what activation
 * checks. Saving and restoring only ever make drafts: this is the one way a change goes live.
 */
export async function publishAutomation(db: DbClient, a: { workspaceId: string; automationId: string; baseVersion?: number; force?: boolean }) {
  const { automation, definition } = await loadCurrentDefinition(db, a);
  const head = automation.currentVersion;
  if (a.baseVersion !== undefined && a.baseVersion !== head)
    throw new ApiError("conflict", `You reviewed v${a.baseVersion}, but v${head} was saved since: look at it before publishing`, { field: "base_version" });
  await assertPublishable(db, { workspaceId: a.workspaceId, definition, force: a.force, verb: "publish" });
  const { count } = await db.automation.updateMany({ where: { id: automation.id, workspaceId: a.workspaceId, currentVersion: head }, data: { liveVersion: head } });
  if (count === 0) throw new ApiError("conflict", `Automation ${a.automationId} was saved while it was being checked: look at the new version before publishing`);
  return { id: automation.id, status: automation.status, version: head, live_version: head, previous_live_version: automation.liveVersion };
}
