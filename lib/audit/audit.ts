import { z } from "zod";
import { afterCursor, decodeCursor, page, PAGE_ORDER, toPage } from "../pagination";
import type { DbClient } from "../db";
import type { AuditEvent as AuditEventRow } from "../generated/prisma/client";
import { newId } from "../ids";

export type AuditEntry = { action: string; targetType: string; targetId: string; details?: Record<string, unknown> };

/** Appends one event. The actor's name is copied in, so the log still reads after a key is revoked. */
/** Who acted, as the audit log records it (lib/auth's Actor fits; audit sits below auth). */
type AuditActor = { type: "user" | "key"; id: string; role?: string };

export async function recordAudit(db: DbClient, workspaceId: string, actor: AuditActor | "system", entry: AuditEntry) {
  let actorName: string | null = null;
  if (actor !== "system") {
    actorName =
      actor.type === "key"
        ? ((await db.apiKey.findUnique({ where: { id: actor.id }, select: { name: true } }))?.name ?? null)
        : ((await db.user.findUnique({ where: { id: actor.id }, select: { email: true } }))?.email ?? null);
  }
  await db.auditEvent.create({
    data: {
      id: newId("aud"),
      workspaceId,
      actor: actor === "system" ? "system" : `${actor.type}:${actor.id}`,
      actorName,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: (entry.details ?? {}) as object,
    },
  });
}

export const ZAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  target_id: z.string().max(100).optional(),
  action: z.string().max(100).optional().describe("an action, or a prefix ending in `.` (e.g. `automation.`)"),
});

export const ZAuditEvent = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.string(),
  actor_name: z.string().nullable(),
  target_type: z.string(),
  target_id: z.string(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string(),
}).meta({ id: "AuditEvent" });
export type AuditEvent = z.output<typeof ZAuditEvent>;
export const ZAuditPage = page(ZAuditEvent);
export type AuditPage = z.output<typeof ZAuditPage>;

const present = (e: AuditEventRow): z.input<typeof ZAuditEvent> => ({
  id: e.id,
  action: e.action,
  actor: e.actor,
  actor_name: e.actorName,
  target_type: e.targetType,
  target_id: e.targetId,
  details: e.details as Record<string, unknown>,
  created_at: e.createdAt.toISOString(),
});

export async function listAudit(db: DbClient, workspaceId: string, q: z.output<typeof ZAuditQuery>) {
  const action = q.action?.endsWith(".") ? { startsWith: q.action } : q.action;
  const rows = await db.auditEvent.findMany({
    where: { workspaceId, ...(q.target_id ? { targetId: q.target_id } : {}), ...(action ? { action } : {}), ...afterCursor(decodeCursor(q.cursor)) },
    orderBy: PAGE_ORDER,
    take: q.limit + 1,
  });
  return toPage(rows, q.limit, present);
}
