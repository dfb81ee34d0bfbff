import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { loadCurrentDefinition } from "../automations/load-current-definition";
import { activationBlockers } from "./activation-blockers";

export async function setAutomationStatus(db: DbClient, a: { workspaceId: string; automationId: string; status: "active" | "paused"; force?: boolean }) {
  const { automation, definition } = await loadCurrentDefinition(db, { workspaceId: a.workspaceId, automationId: a.automationId });
  if (a.status === "active") {
    const blockers = await activationBlockers(db, { workspaceId: a.workspaceId, definition });
    // force overrides review flags only: an unbound tool or invalid input would fail every run.
    const hard = blockers.filter((b) => !a.force || b.reason !== "unreviewed");
    if (hard.length > 0)
      throw new ApiError("unprocessable", `Cannot activate: ${hard.map((b) => (b.step ? `${b.step}: ${b.message}` : b.message)).join("; ")}`, {
        code_detail: "activation_blocked",
        blockers: hard,
      });
  }
  const updated = await db.automation.update({ where: { id: automation.id }, data: { status: a.status } });
  return { id: updated.id, status: updated.status, version: updated.currentVersion };
}
