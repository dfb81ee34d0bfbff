import { ApiError } from "../errors";
import type { Db } from "../db";
import { commitVersion, type CommitHook } from "./commit-version";
import { reviewHash } from "./validate-definition";
import { needsReview } from "./derive-metadata";

/**
 * Marks a flagged step reviewed: who and when, tied to the inputs reviewed. Saved as a new version,
 * so the review is part of the history and an edit of those inputs later asks for a new review.
 */
export async function reviewStep(
  db: Db,
  r: { workspaceId: string; automationId: string; stepKey: string; reviewer: string; baseVersion?: number; alsoInTx?: CommitHook },
) {
  const saved = await commitVersion(db, {
    alsoInTx: r.alsoInTx,
    workspaceId: r.workspaceId,
    automationId: r.automationId,
    baseVersion: r.baseVersion,
    author: r.reviewer,
    message: `Reviewed step ${r.stepKey}`,
    change: (def) => {
      const step = def.steps.find((s) => s.key === r.stepKey);
      if (!step) throw new ApiError("not_found", `Step ${r.stepKey} not found in automation ${r.automationId}`);
      if (!needsReview(step)) throw new ApiError("unprocessable", `Step ${r.stepKey} is not flagged for review`);
      return {
        ...def,
        steps: def.steps.map((s) =>
          s.key === r.stepKey ? { ...s, reviewed: { by: r.reviewer, at: new Date().toISOString(), inputs_hash: reviewHash(s) } } : s,
        ),
      };
    },
  });
  return saved.automation;
}
