import { afterCursor, decodeCursor, PAGE_ORDER, toPage } from "../pagination";
import { presentRunSummary } from "./present-run";
import type { DbClient } from "../db";
import type { AutomationRun } from "../generated/prisma/client";

export async function listRuns(
  db: DbClient,
  q: { workspaceId: string; automationId?: string; status?: string; limit: number; cursor?: string },
) {
  const rows = await db.automationRun.findMany({
    where: {
      workspaceId: q.workspaceId,
      ...(q.automationId ? { automationId: q.automationId } : {}),
      ...(q.status ? { status: q.status as AutomationRun["status"] } : {}),
      ...afterCursor(decodeCursor(q.cursor)),
    },
    orderBy: PAGE_ORDER,
    take: q.limit + 1,
    include: { automation: { select: { name: true } } },
  });
  return toPage(rows, q.limit, (r) => ({ ...presentRunSummary(r), automation_name: r.automation.name }));
}
