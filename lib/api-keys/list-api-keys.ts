import type { DbClient } from "../db";

/** The workspace's keys, newest first (callers present them without their secrets). */
export const listApiKeys = (db: DbClient, { workspaceId }: { workspaceId: string }) =>
  db.apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" } });
