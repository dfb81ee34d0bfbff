import path from "node:path";
import { recordAudit } from "../audit/audit";
import type { Db } from "../db";
import { DEMO_TOOLS_CONFIG } from "./bootstrap";

// Demo workspaces seeded before the demo tools were served in-process stored them as a command
// (`node mcp/demo-server.mjs`). With stdio providers off by default that row could no longer run,
// so it becomes the built-in server, which offers the same tools and starts nothing.

type StoredStdio = { command?: unknown; args?: unknown; env?: unknown };

/** The stored config of the demo server run by Node with nothing else set; any workspace's row counts. */
const isDemoServerCommand = (cfg: StoredStdio) =>
  typeof cfg.command === "string" &&
  (path.basename(cfg.command) === "node" || cfg.command === process.execPath) &&
  JSON.stringify(cfg.args) === JSON.stringify(["mcp/demo-server.mjs"]) &&
  (cfg.env === undefined || (typeof cfg.env === "object" && cfg.env !== null && Object.keys(cfg.env).length === 0));

/**
 * Runs at start; a no-op once no such row is left, and safe to repeat. Each row changes in one
 * transaction with its audit event. Returns how many rows it changed.
 */
export async function migrateStoredDemoProviders(db: Db): Promise<number> {
  let changed = 0;
  for (const p of await db.toolProvider.findMany({ where: { kind: "mcp_stdio" }, select: { id: true, workspaceId: true, name: true, config: true } })) {
    if (!isDemoServerCommand(p.config as StoredStdio)) continue;
    await db.$transaction(async (tx) => {
      await tx.toolProvider.update({ where: { id: p.id }, data: { kind: "builtin", config: DEMO_TOOLS_CONFIG } });
      await recordAudit(tx, p.workspaceId, "system", {
        action: "tool_provider.migrated",
        targetType: "tool_provider",
        targetId: p.id,
        details: { name: p.name, from: { kind: "mcp_stdio", command: (p.config as StoredStdio).command }, to: { kind: "builtin", ...DEMO_TOOLS_CONFIG } },
      });
    });
    changed++;
  }
  return changed;
}
