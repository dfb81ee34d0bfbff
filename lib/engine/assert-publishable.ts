import { ApiError } from "../errors";
import type { TDefinition } from "../automations/schemas";
import type { DbClient } from "../db";
import { activationBlockers } from "./activation-blockers";

/**
 * Refuses, with a 422 listing them, a definition that would go live with blockers. `force`
 * overrides review flags only: an unbound tool or an invalid input would fail every run.
 */
export async function assertPublishable(db: DbClient, a: { workspaceId: string; definition: TDefinition; force?: boolean; verb: "activate" | "publish" }) {
  const blockers = await activationBlockers(db, { workspaceId: a.workspaceId, definition: a.definition });
  const hard = blockers.filter((b) => !a.force || b.reason !== "unreviewed");
  if (hard.length > 0)
    throw new ApiError("unprocessable", `Cannot ${a.verb}: ${hard.map((b) => (b.step ? `${b.step}: ${b.message}` : b.message)).join("; ")}`, {
      code_detail: `${a.verb === "activate" ? "activation" : "publish"}_blocked`,
      blockers: hard,
    });
}
