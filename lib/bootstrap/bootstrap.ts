import { createApiKey } from "../api-keys/api-keys";
import { config } from "../config";
import type { Db, DbClient } from "../db";
import { revenueRun, refundThread, retriedRun, otherRuns, restockRun } from "../demo/demo-data";
import { newId } from "../ids";
import { insertRun } from "../sources/create-run";
import { insertThread } from "../sources/create-thread";

/**
 * On an empty database: creates the first workspace, gives it the BOOTSTRAP_API_KEY as an admin
 * key when one is set, and seeds the demo data (unless SEED_DEMO=0). Safe to run from several
 * processes at once: an advisory lock lets one of them do it.
 */
export async function bootstrap(db: Db, opts = { apiKey: config.bootstrapApiKey, seedDemo: config.seedDemo }) {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(7303001)::text`;
      if ((await tx.workspace.count()) > 0) return null;
      const workspace = await tx.workspace.create({ data: { id: newId("ws"), name: opts.seedDemo ? "Demo workspace" : "Default workspace" } });
      if (opts.apiKey) await createApiKey(tx, { workspaceId: workspace.id, name: "Bootstrap key", secret: opts.apiKey });
      if (opts.seedDemo) await seedDemo(tx, workspace.id);
      return workspace;
    },
    { timeout: 60_000 },
  );
}

/** The demo MCP server, served in-process by the app (mcp/demo-tools.mjs): it starts no command. */
export const DEMO_TOOLS_CONFIG = { server: "demo-tools" };

/** Adds the demo runs, threads and tool provider to a workspace. */
export async function seedDemo(tx: DbClient, workspaceId: string) {
  for (const run of [...otherRuns, retriedRun, restockRun, revenueRun]) await insertRun(tx, { workspaceId, run, origin: "demo" });
  await insertThread(tx, { workspaceId, thread: refundThread, origin: "demo" });
  // The demo agents' own tools, served in-process by the MCP server in mcp/: the tools are declared
  // here rather than listed, so seeding stays one quick transaction; "refresh" asks the server.
  await tx.toolProvider.create({
    data: {
      id: newId("tp"),
      workspaceId,
      name: "demo-tools",
      kind: "builtin",
      config: DEMO_TOOLS_CONFIG,
      tools: ["get_order", "issue_refund", "send_email", "list_low_stock", "reorder_sku"].map((name) => ({ name })),
    },
  });
}
