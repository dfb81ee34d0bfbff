import { ApiError } from "../errors";
import { afterCursor, decodeCursor, PAGE_ORDER, toPage } from "../pagination";
import type { DbClient } from "../db";
import { presentAutomation, presentAutomationSummary } from "./present";
import { resolveReviewerNames } from "./resolve-reviewer-names";
import { ZDefinition } from "./schemas";

/** The automation row and its current version, scoped to the workspace: a foreign id is a 404. */
export async function getAutomationRowsOrThrow(db: DbClient, { workspaceId, automationId }: { workspaceId: string; automationId: string }) {
  const automation = await db.automation.findFirst({ where: { id: automationId, workspaceId } });
  if (!automation) throw new ApiError("not_found", `Automation ${automationId} not found`);
  const version = await db.automationVersion.findUniqueOrThrow({
    where: { automationId_version: { automationId, version: automation.currentVersion } },
  });
  return { automation, version };
}

export async function getAutomationOrThrow(db: DbClient, ids: { workspaceId: string; automationId: string }) {
  const { automation, version } = await getAutomationRowsOrThrow(db, ids);
  const definition = ZDefinition.parse(version.definition);
  return presentAutomation(automation, { ...version, definition }, await resolveReviewerNames(db, { workspaceId: ids.workspaceId, definition }));
}

export async function listAutomations(
  db: DbClient,
  q: { workspaceId: string; limit: number; cursor?: string; source_type?: "MANUAL" | "CRYSTALLIZED"; status?: "draft" | "active" | "paused"; q?: string },
) {
  const rows = await db.automation.findMany({
    where: {
      workspaceId: q.workspaceId,
      ...(q.source_type ? { sourceType: q.source_type } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.q ? { name: { contains: q.q, mode: "insensitive" as const } } : {}),
      ...afterCursor(decodeCursor(q.cursor)),
    },
    orderBy: PAGE_ORDER,
    take: q.limit + 1,
  });
  return toPage(rows, q.limit, presentAutomationSummary);
}
