import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { loadCurrentDefinition } from "../automations/load-current-definition";
import { loadDefinition } from "../automations/load-definition";
import { assertPublishable } from "./assert-publishable";

/**
 * Switches triggers on or off. Activating an automation nothing was published of publishes its
 * draft head; one with a live version goes on running that version, checked again (a provider
 * may have gone since), whatever drafts were saved after it.
 */
export async function setAutomationStatus(db: DbClient, a: { workspaceId: string; automationId: string; status: "active" | "paused"; force?: boolean }) {
  const { automation, definition: head } = await loadCurrentDefinition(db, { workspaceId: a.workspaceId, automationId: a.automationId });
  const live = automation.liveVersion ?? automation.currentVersion;
  if (a.status === "active") {
    const definition = live === automation.currentVersion ? head : await loadDefinition(db, { automationId: automation.id, version: live });
    await assertPublishable(db, { workspaceId: a.workspaceId, definition, force: a.force, verb: "activate" });
  }
  // The compare-and-set on the head: a save between the check and this write was not checked.
  const { count } = await db.automation.updateMany({
    where: { id: automation.id, workspaceId: a.workspaceId, currentVersion: automation.currentVersion },
    data: { status: a.status, ...(a.status === "active" ? { liveVersion: live } : {}) },
  });
  if (count === 0) throw new ApiError("conflict", `Automation ${a.automationId} changed while it was being checked: try again`);
  return { id: automation.id, status: a.status, version: automation.currentVersion, live_version: a.status === "active" ? live : automation.liveVersion };
}
