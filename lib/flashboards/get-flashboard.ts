import type { DbClient } from "../db";
import { ApiError } from "../errors";

/** A flashboard with its charts and tables (the data an automation last wrote into it). */
export async function getFlashboard(db: DbClient, { workspaceId, flashboardId }: { workspaceId: string; flashboardId: string }) {
  const f = await db.flashboard.findFirst({ where: { id: flashboardId, workspaceId } });
  if (!f) throw new ApiError("not_found", `Flashboard ${flashboardId} not found`);
  return { id: f.id, title: f.title, charts: f.charts, tables: f.tables, automation_id: f.automationId, run_id: f.runId, updated_at: f.updatedAt.toISOString() };
}
