import type { DbClient } from "../db";

/** The workspace's flashboards, most recently updated first. */
export async function listFlashboards(db: DbClient, { workspaceId }: { workspaceId: string }) {
  const rows = await db.flashboard.findMany({ where: { workspaceId }, orderBy: { updatedAt: "desc" }, take: 200 });
  return rows.map((f) => ({ id: f.id, title: f.title, automation_id: f.automationId, run_id: f.runId, url: `/flashboards/${f.id}`, updated_at: f.updatedAt.toISOString() }));
}
